/**
 * The evaluation's dataset through the pure rebuild, in memory: what a household rule does to
 * precision, recall and the households, in seconds instead of the API run's half hour. Each
 * observation becomes a sighting (identifiers normalised as the service does, placeholder e-mails
 * and the stores' phones quarantined as the blocklist would, the name as its key), the graph is
 * rebuilt from scratch with each variant of the guards, and the profiles are scored against the
 * ground truth. Not the service: no suggestions, no junk found over time; compare variants with
 * each other, and with the API run (`evaluate`) for the absolute numbers.
 *
 *   pnpm --filter @scontrino/reconciliation-service exec tsx bench/household-rules.ts [--people 2000] [--seed 20250101] [--enrolments]
 *
 * `--enrolments` also runs the dataset with every loyalty card's enrolment (`member.enrolled`, rule
 * `loyalty-enrolment`): the member's name, e-mail and phone with the card, and once more without
 * the phone, as the loyalty service sends it (it keeps no phone).
 */
import { parseArgs } from 'node:util';
import type { IdentifierType } from '@scontrino/identity';
import { defaultGraphConfig, isBlocked } from '../src/domain/graph/config.js';
import { rebuildFromObservations, type ObservationSighting } from '../src/domain/graph/from-observations.js';
import type { GraphConfig, LinkRule } from '../src/domain/graph/types.js';
import { nameKey, phoneDigitsKey } from '../src/domain/suggestions/suggestion-rules.js';
import { generateDataset, type SyntheticDataset } from './synthetic/dataset.js';
import { truthLabels } from './synthetic/diagnose.js';
import { identifierKey } from './synthetic/ground-truth.js';
import { householdScores, householdsToldApart } from './synthetic/household-scores.js';
import type { SyntheticObservation } from './synthetic/observations.js';
import { pairwiseScores } from './synthetic/pairwise.js';
import { e164 } from './synthetic/phones.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    people: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20250101' },
    enrolments: { type: 'boolean', default: false },
    detail: { type: 'boolean', default: false },
  },
});

const rules: Record<SyntheticObservation['pattern'], LinkRule> = {
  'till-sale': 'identify',
  'receipt-claim': 'identify',
  'loyalty-enrolment': 'loyalty-enrolment',
  'web-order': 'online-order',
  'app-order': 'online-order',
  'click-and-collect': 'online-order',
  'guest-order': 'online-order',
};
const HOUR = 3_600_000;

/** The observations as the service stores them: normalised identifiers, the name as its key. */
function sightingsOf(dataset: SyntheticDataset) {
  const blocklist = [
    ...defaultGraphConfig.blocklist,
    ...dataset.stores.map((store) => ({ type: 'phone' as const, value: e164(store.phone) })),
  ];
  const quarantined = new Map<string, 'blocklist'>();
  const sightings: ObservationSighting[] = dataset.observations.map((observation) => {
    const signedIn = observation.identifiers.some((i) => i.type === 'webAccount');
    const identifiers = observation.identifiers.flatMap((observed) => {
      const normalised = identifierKey(observed, { shopId: dataset.config.shopId });
      if (!normalised) return [];
      const type: IdentifierType = observed.type;
      if (isBlocked({ type, value: normalised.value }, blocklist))
        quarantined.set(normalised.key, 'blocklist');
      const verified =
        type === 'email' && (observed.verified === true || (observation.order !== null && signedIn));
      const digits = type === 'phone' ? phoneDigitsKey(normalised.value) : null;
      return [
        { id: normalised.key, type, hash: normalised.key, verified, ...(digits && { numberKey: digits }) },
      ];
    });
    const name = observation.name ? nameKey(observation.name) : null;
    return {
      observationId: observation.sourceId,
      at: observation.at,
      rule: rules[observation.pattern],
      identifiers,
      ...(name && { nameKey: name }),
    };
  });
  return { sightings, quarantined, blocklist };
}

function compare(dataset: SyntheticDataset) {
  const { sightings, quarantined, blocklist } = sightingsOf(dataset);
  const unnamed = sightings.map((sighting) => ({ ...sighting, nameKey: undefined }));
  const labels = truthLabels(dataset.truth);
  const run = (label: string, config: GraphConfig, observations: ObservationSighting[], detail = false) => {
    const started = performance.now();
    const result = rebuildFromObservations(
      observations,
      { cutLinkIds: new Set(), overrides: { neverLink: [], mustLink: [] }, quarantined },
      config,
      Date.parse(dataset.config.to),
    );
    const ms = performance.now() - started;
    const report = pairwiseScores(
      labels,
      result.profiles.map((p) => p.identifierIds),
    );
    const homes = householdScores(
      dataset.truth,
      dataset.households,
      result.profiles.map((p) => ({
        profileId: p.profileId,
        householdId: p.householdId,
        keys: p.identifierIds,
      })),
      new Set(),
    );
    const told = new Map<string, number>();
    for (const household of result.households)
      for (const reason of household.toldApartBy) told.set(reason, (told.get(reason) ?? 0) + 1);
    console.log(
      `  ${label.padEnd(44)} precision ${report.precision.toFixed(4)}  deterministic recall ${report.deterministicRecall.toFixed(4)}  ` +
        `recall ${report.recall.toFixed(4)}  mixed ${report.mixedProfiles}  households formed/merged/missed ${homes.formed}/${homes.merged}/${homes.missed} of ${homes.truth}, ` +
        `predicted ${homes.predicted} (told apart by ${[...told].map(([k, n]) => `${k} ${n}`).join(', ')})  ${ms.toFixed(0)} ms`,
    );
    if (detail) notFormed(result.profiles);
  };
  /**
   * Each household merged into one profile, or whose members stayed apart without a household:
   * what each member showed the card with, and whether they ever gave a name.
   */
  const notFormed = (profiles: readonly { identifierIds: string[]; householdId: string | null }[]) => {
    const owners = (profile: { identifierIds: string[] }) =>
      new Set(
        profile.identifierIds.flatMap((key) => {
          const owner = dataset.truth.identifiers.get(key)?.owner;
          return owner?.kind === 'person' ? [owner.personId] : [];
        }),
      );
    const byProfile = profiles.map((profile) => ({
      people: owners(profile),
      householdId: profile.householdId,
    }));
    for (const household of dataset.households) {
      const [a, b] = household.personIds.map((id) => byProfile.filter((p) => p.people.has(id)));
      if (!a?.length || !b?.length) continue;
      const merged = a.some((p) => b.includes(p));
      const formed = a.some((p) => p.householdId && b.some((q) => q.householdId === p.householdId));
      if (!merged && formed) continue;
      console.log(
        `    ${merged ? 'merged' : 'apart, no household'} ${household.householdId} (claims with the card: ${household.claims})`,
      );
      for (const personId of household.personIds) {
        const own = dataset.observations.filter((o) => o.personId === personId);
        const shown = own
          .filter((o) => o.identifiers.some((i) => i.owner.kind === 'household'))
          .map((o) =>
            o.identifiers
              .filter((i) => i.owner.kind === 'person')
              .map((i) => i.type + (i.verified ? '(proven)' : ''))
              .join('+'),
          );
        const names = new Set(own.flatMap((o) => (o.name ? [o.name] : [])));
        console.log(
          `      ${personId}: card shown with [${shown.join(' | ')}]; names given: ${[...names].join(', ') || 'none'}`,
        );
      }
    }
  };
  console.log(
    `${dataset.config.people} people (seed ${dataset.config.seed}${dataset.config.loyaltyEnrolments === true ? ', loyalty enrolments sent' : dataset.config.loyaltyEnrolments ? ', loyalty enrolments sent without phones' : ''}), ` +
      `${dataset.households.length} households, ${dataset.observations.length} observations, ${dataset.truth.identifiers.size} identifiers; ` +
      `${householdsToldApart(dataset.observations).size} households told apart by the data (kinds at the card, or names)`,
  );
  const base = { ...defaultGraphConfig, blocklist };
  run('phones, accounts, proven e-mails (before)', base, unnamed);
  run('the same + names (now)', base, sightings, values.detail);
  run(
    '+ payment fingerprints',
    { ...base, householdConflictTypes: ['phone', 'webAccount', 'payment'] },
    unnamed,
  );
  run('+ all e-mails', { ...base, householdConflictTypes: ['phone', 'webAccount', 'email'] }, unnamed);

  // The time pattern: a family card at two stores within an hour (or a day), by its two members.
  const seen = new Map<string, { at: number; storeId: string | null; personId: string }[]>();
  for (const observation of dataset.observations)
    if (observation.pattern === 'till-sale')
      for (const one of observation.identifiers)
        if (one.type === 'card' && one.owner.kind === 'household')
          seen.set(one.owner.householdId, [
            ...(seen.get(one.owner.householdId) ?? []),
            { at: observation.at, storeId: observation.storeId, personId: observation.personId },
          ]);
  const within = (hours: number) =>
    [...seen.values()].filter((sightings) =>
      sightings.some((x) =>
        sightings.some(
          (y) => x.personId < y.personId && x.storeId !== y.storeId && Math.abs(x.at - y.at) < hours * HOUR,
        ),
      ),
    ).length;
  console.log(
    `  family cards used by both members at two stores within 1 h: ${within(1)}, within 24 h: ${within(24)}, of ${dataset.households.length}`,
  );
}

const options = { people: Number(values.people), seed: Number(values.seed) };
compare(generateDataset(options));
if (values.enrolments) {
  compare(generateDataset({ ...options, loyaltyEnrolments: true }));
  compare(generateDataset({ ...options, loyaltyEnrolments: 'without-phones' }));
}
