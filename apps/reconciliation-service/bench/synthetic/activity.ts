import type { SyntheticConfig } from './config.js';
import { onlineOrder, guestOrder } from './online.js';
import type { SyntheticObservation } from './observations.js';
import { cardNumber, type SyntheticPerson, type Taken } from './people.js';
import type { SeededRandom } from './prng.js';
import { storesOf } from './stores.js';
import { receiptClaim, tillSale, type SharedCard, type TillContext } from './till.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SyntheticHousehold {
  householdId: string;
  personIds: [string, string];
  /** The one loyalty card both use. */
  card: string;
  /** Each member claims a family-card sale with their own e-mail; else only their phone or payment card tells them apart. */
  claims: boolean;
}

/**
 * Share of households whose second member carries the first one's surname, by country: a couple
 * where one took the other's name, or a parent and a grown-up child. In Italy and Spain spouses
 * keep their own surnames by law, so only parent-and-child households share one; in Germany,
 * Austria and France most married couples use one family name. Guesses, not statistics.
 */
export const sharedSurname: Readonly<Record<SyntheticPerson['country'], number>> = {
  IT: 0.25,
  ES: 0.25,
  NL: 0.5,
  FR: 0.6,
  DE: 0.75,
  AT: 0.75,
};

/**
 * Pairs people of the same country into households sharing one card, until the configured share
 * of people lives in one. Both keep their own e-mails, phones and payment cards (and their own
 * loyalty cards, if they had any); the second often carries the first's surname
 * ({@link sharedSurname}: the addresses they made before keep the name they were made with), so
 * only the first name tells such members apart. A numbered namesake keeps their name.
 */
export function formHouseholds(
  random: SeededRandom,
  people: readonly SyntheticPerson[],
  config: SyntheticConfig,
  taken: Taken,
): SyntheticHousehold[] {
  const wanted = Math.floor((people.length * config.households) / 2);
  const households: SyntheticHousehold[] = [];
  const waiting = new Map<string, SyntheticPerson>();
  for (const person of random.shuffle(people)) {
    if (households.length >= wanted) break;
    const partner = waiting.get(person.country);
    if (!partner) {
      waiting.set(person.country, person);
      continue;
    }
    waiting.delete(person.country);
    const household: SyntheticHousehold = {
      householdId: `gh_${String(households.length).padStart(5, '0')}`,
      personIds: [partner.personId, person.personId],
      card: cardNumber(random, taken),
      claims: random.fork(`claims:${households.length}`).chance(config.householdsClaim),
    };
    for (const member of [partner, person]) {
      member.householdId = household.householdId;
      member.traits.add('household');
      // A family card is a till thing: both members shop in store.
      if (member.channels === 'online') member.channels = 'both';
    }
    if (
      !person.traits.has('numbered-namesake') &&
      random.fork(`surname:${household.householdId}`).chance(sharedSurname[person.country])
    )
      person.lastName = partner.lastName;
    households.push(household);
  }
  return households;
}

/** Everything one person does over the period: till sales, claims, online orders, in no order. */
export function personActivity(
  random: SeededRandom,
  person: SyntheticPerson,
  shared: SharedCard | null,
  context: TillContext,
): SyntheticObservation[] {
  const config = context.config;
  const from = Date.parse(config.from);
  const span = Date.parse(config.to) - from;
  const moment = () => from + Math.floor(random.float() * span);
  // Stores open from 9 to 20, Rome time (UTC+1 or +2): sales fall between 08:00 and 18:00 UTC.
  const openingHours = () =>
    from + Math.floor(random.float() * (span / DAY)) * DAY + (8 + random.float() * 10) * HOUR;
  let sequence = 0;
  const sourceId = (kind: string) =>
    `${kind}-${person.personId.slice(3)}-${String((sequence += 1)).padStart(3, '0')}`;
  const observations: SyntheticObservation[] = [];

  const sales = person.channels === 'online' ? 0 : random.count(config.visits.tillSales, config.visits.max);
  // A household member proves their own address once on a sale made with the family card, or
  // (a household that never claims) shows the family card once with their own phone or payment card.
  let sharedCardClaimed =
    shared === null || (!shared.claims && person.phones.length === 0 && person.payments.length === 0);
  for (let i = 0; i < sales || !sharedCardClaimed; i += 1) {
    const last = i >= sales;
    const sale = tillSale(random, person, sourceId('sale'), Math.floor(openingHours()), shared, context, {
      sharedCardShown: last,
      ownIdentifier: last && shared !== null && !shared.claims,
    });
    const withSharedCard = sale.identifiers.some((identifier) => identifier.note === 'shared-card');
    if (sale.identifiers.length > 0) observations.push(sale);
    if (withSharedCard && shared !== null && !shared.claims) {
      if (
        sale.identifiers.some(
          (i) => (i.type === 'phone' || i.type === 'payment') && i.owner.kind === 'person',
        )
      )
        sharedCardClaimed = true;
      if (random.chance(config.claims))
        observations.push(receiptClaim(random, person, sale, sourceId('claim')));
      continue;
    }
    if (random.chance(config.claims) || (withSharedCard && !sharedCardClaimed)) {
      observations.push(receiptClaim(random, person, sale, sourceId('claim')));
      if (withSharedCard) sharedCardClaimed = true;
    }
  }

  const homeStores = storesOf(context.stores, person.country);
  const orders =
    person.channels === 'store' ? 0 : random.count(config.visits.onlineOrders, config.visits.max);
  for (let i = 0; i < orders; i += 1)
    observations.push(onlineOrder(random, person, sourceId('WO'), moment(), { config, homeStores }));
  if (person.guestAddress)
    observations.push(guestOrder(random, person, person.guestAddress, sourceId('WO'), moment()));
  return observations;
}
