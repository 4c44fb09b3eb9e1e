import { formHouseholds, personActivity, type SyntheticHousehold } from './activity.js';
import { toApiInput, type SyntheticInput } from './api-inputs.js';
import { syntheticConfig, type SyntheticConfig } from './config.js';
import { buildGroundTruth, type GroundTruth } from './ground-truth.js';
import { loyaltyEnrolments } from './enrolments.js';
import { placeholderEmails } from './junk.js';
import { addNumberedNamesakes } from './namesakes.js';
import type { SyntheticObservation } from './observations.js';
import { createPerson, takeEmail, type SyntheticPerson, type Taken } from './people.js';
import { SeededRandom } from './prng.js';
import { chainStores, type SyntheticStore } from './stores.js';
import type { SharedCard } from './till.js';

export interface SyntheticDataset {
  config: SyntheticConfig;
  stores: SyntheticStore[];
  people: SyntheticPerson[];
  households: SyntheticHousehold[];
  /** In time order (ties by source id). */
  observations: SyntheticObservation[];
  /** The same, as public API calls. */
  inputs: SyntheticInput[];
  truth: GroundTruth;
}

/** A whole synthetic customer base and its activity; the same seed gives the same dataset. */
export function generateDataset(overrides: Partial<SyntheticConfig> = {}): SyntheticDataset {
  const config = syntheticConfig(overrides);
  const root = new SeededRandom(config.seed);
  const stores = chainStores(root.fork('stores'));
  const taken: Taken = {
    emails: new Set(),
    phones: new Set(stores.map((store) => store.phone.nsn)),
    cards: new Set(),
  };
  for (const address of Object.keys(placeholderEmails)) takeEmail(taken, address);
  const people = Array.from({ length: config.people }, (_, index) =>
    createPerson(root.fork(`person:${index}`), index, config, taken),
  );
  addNumberedNamesakes(root.fork('numbered-namesakes'), people, config.noise.numberedNamesakes, taken);
  const households = formHouseholds(root.fork('households'), people, config, taken);
  const sharedCards = new Map<string, SharedCard>();
  for (const household of households)
    for (const personId of household.personIds)
      sharedCards.set(personId, {
        householdId: household.householdId,
        number: household.card,
        personIds: household.personIds,
        claims: household.claims,
      });

  const context = { config, stores, taken };
  const enrolments = config.loyaltyEnrolments
    ? loyaltyEnrolments(people, households, Date.parse(config.from), {
        phones: config.loyaltyEnrolments !== 'without-phones',
      })
    : [];
  const observations = people
    .flatMap((person) =>
      personActivity(
        root.fork(`activity:${person.personId}`),
        person,
        sharedCards.get(person.personId) ?? null,
        context,
      ),
    )
    .concat(enrolments)
    .sort((a, b) => a.at - b.at || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  const apiContext = { tenantId: config.tenantId, shopId: config.shopId, currency: 'EUR' };
  return {
    config,
    stores,
    people,
    households,
    observations,
    inputs: observations.map((observation) => toApiInput(observation, apiContext)),
    truth: buildGroundTruth(observations, { shopId: config.shopId }),
  };
}
