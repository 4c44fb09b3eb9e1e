/**
 * Feeds synthetic customers with known ground truth through the public API and scores the
 * profiles the service builds: pairwise precision, recall (all pairs, and the deterministic part),
 * profiles joined through junk, households formed; then, as a CRM analyst, runs the match
 * model's estimate (`suggestions.estimate`), scores again, and checks every automatic merge and
 * every suggestion in the queue against the truth. Exits 1 when the issue's targets are missed.
 *
 *   pnpm --filter @scontrino/reconciliation-service evaluate [-- --people 2000 --seed 20250101]
 *   … evaluate -- --url http://127.0.0.1:4003 --token <SERVICE_TOKEN> --hash-key <LOOKUP_HASH_KEY>
 *        [--staff-token <a crm_analyst token for the tenant>]
 *
 * Without --url it starts its own database, Redis and the service in this process, with the
 * stores' own phones on the blocklist as a retailer would configure them (--no-store-blocklist
 * leaves them to junk detection). Against --url, it writes under a fresh tenant id. --enrolments
 * also sends every loyalty card's enrolment (the member's name, e-mail and phone with the card):
 * as `member.enrolled` into the inbox when the service runs here, as loyalty's dispatcher does;
 * against --url, as an identify (source `loyalty`).
 */
import { parseArgs } from 'node:util';
import { createLookupHasher } from '@scontrino/crypto';
import { generateDataset } from './synthetic/dataset.js';
import { truthLabels, type PredictedProfile } from './synthetic/diagnose.js';
import { householdScores, householdsToldApart } from './synthetic/household-scores.js';
import { pairwiseScores } from './synthetic/pairwise.js';
import { e164, isPossibleOnlyPhone } from './synthetic/phones.js';
import { suggestionScores } from './synthetic/suggestion-scores.js';
import { curatorClient, reconciliationClient } from './api-client.js';
import { meetsTargets, printDiagnosis, printScores, printTargets } from './evaluation-report.js';
import { memberEnrolledEvents } from './enrolment-events.js';
import { feed, waitUntilLinked } from './feed.js';
import { startLocalService, type LocalService } from './local-service.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    people: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20250101' },
    concurrency: { type: 'string', default: '8' },
    url: { type: 'string' },
    token: { type: 'string' },
    'hash-key': { type: 'string' },
    'staff-token': { type: 'string' },
    tenant: { type: 'string' },
    'timeout-s': { type: 'string', default: '900' },
    examples: { type: 'string', default: '5' },
    'no-store-blocklist': { type: 'boolean', default: false },
    enrolments: { type: 'boolean', default: false },
    /** With --enrolments: without the member's phone, as the loyalty service sends them. */
    'no-enrolment-phones': { type: 'boolean', default: false },
  },
});
const concurrency = Number(values.concurrency);
const tenantId = values.tenant ?? (values.url ? `eval-${Date.now().toString(36)}` : undefined);
const dataset = generateDataset({
  people: Number(values.people),
  seed: Number(values.seed),
  loyaltyEnrolments: values.enrolments && (values['no-enrolment-phones'] ? 'without-phones' : true),
  ...(tenantId && { tenantId }),
});
const storeBlocklist = dataset.stores.map((store) => `phone:${e164(store.phone)}`);

async function connect(): Promise<LocalService> {
  if (!values.url)
    return startLocalService({ blocklist: values['no-store-blocklist'] ? [] : storeBlocklist });
  if (!values.token || !values['hash-key'])
    throw new Error('--url needs --token (SERVICE_TOKEN) and --hash-key (LOOKUP_HASH_KEY) of that service');
  console.log(
    `Against ${values.url}: set GRAPH_BLOCKLIST=${storeBlocklist.join(',')} there to block the stores' phones.`,
  );
  return {
    url: values.url,
    serviceToken: values.token,
    staffToken: values['staff-token'],
    lookupHashKey: values['hash-key'],
    databaseKind: 'remote',
    stop: () => Promise.resolve(),
  };
}

const service = await connect();
let exitCode = 1;
try {
  const client = reconciliationClient(service.url, service.serviceToken);
  const { config, truth, inputs } = dataset;
  console.log(
    `${config.people} people (seed ${config.seed}), ${dataset.households.length} households, ` +
      `${inputs.length} observations, ${truth.identifiers.size} identifiers; database ${service.databaseKind}, ` +
      `store phones ${values.url || values['no-store-blocklist'] ? 'left to junk detection' : 'on the blocklist'}`,
  );
  const started = performance.now();
  // Enrolments go the way the loyalty service sends them (`member.enrolled` into the inbox) when
  // the service runs here; against --url, as identify calls (source `loyalty`).
  const enrolled = service.inbox
    ? memberEnrolledEvents(inputs, service.inbox.crypto)
    : { events: [], observationIds: [] };
  if (service.inbox && enrolled.events.length > 0) {
    for (let at = 0; at < enrolled.events.length; at += 500)
      await service.inbox.publish(enrolled.events.slice(at, at + 500));
    console.log(`  ${enrolled.events.length} enrolments published as member.enrolled`);
  }
  const apiInputs = service.inbox ? inputs.filter((input) => input.pattern !== 'loyalty-enrolment') : inputs;
  const accepted = await feed(apiInputs, client.calls, concurrency, (done) =>
    process.stdout.write(`\r  sent ${done} / ${apiInputs.length}`),
  );
  const sentS = (performance.now() - started) / 1000;
  const { pending } = await waitUntilLinked(
    [...enrolled.observationIds, ...accepted.map((a) => a.observationId)],
    client.calls,
    {
      concurrency,
      timeoutMs: Number(values['timeout-s']) * 1000,
      pollMs: 500,
      onRound: (left) =>
        process.stdout.write(`\r  sent ${inputs.length}, waiting for ${left} to be linked   `),
    },
  );
  const linkedS = (performance.now() - started) / 1000;
  console.log(`\r  sent ${inputs.length} in ${sentS.toFixed(1)} s, all linked after ${linkedS.toFixed(1)} s`);
  if (pending.length > 0)
    throw new Error(`${pending.length} observations never linked, e.g. ${pending.slice(0, 3).join(', ')}`);

  const hash = createLookupHasher(service.lookupHashKey);
  const keyOf = new Map(
    [...truth.identifiers.values()].map((t) => [`${t.type}:${hash(t.type, t.value)}`, t.key]),
  );
  const labels = truthLabels(truth);
  const score = async () => {
    const listed = await client.allProfiles(config.tenantId);
    const profiles: PredictedProfile[] = listed.map((profile) => ({
      profileId: profile.profileId,
      keys: profile.identifiers.map(
        ({ type, hash: h }) => keyOf.get(`${type}:${h}`) ?? `unknown:${type}:${h}`,
      ),
    }));
    return {
      listed,
      profiles,
      report: pairwiseScores(
        labels,
        profiles.map((profile) => profile.keys),
      ),
    };
  };
  const linked = await score();
  console.log(
    `\nafter linking (default match model): precision ${linked.report.precision.toFixed(4)}, ` +
      `deterministic recall ${linked.report.deterministicRecall.toFixed(4)}, recall ${linked.report.recall.toFixed(4)}, ` +
      `${linked.report.mixedProfiles} profiles mixing people`,
  );

  const curator = service.staffToken ? curatorClient(service.url, service.staffToken) : null;
  if (curator) {
    const estimating = performance.now();
    const estimate = await curator.estimate(config.tenantId);
    const { model } = estimate;
    console.log(
      `suggestions.estimate in ${((performance.now() - estimating) / 1000).toFixed(1)} s: ` +
        `${model.basis?.matchedPairs} pairs inside profiles, ${model.basis?.randomPairs} random pairs; ` +
        `λ e-mail ${model.lambda.email.toExponential(2)}, phone ${model.lambda.phone.toExponential(2)}; ` +
        `${estimate.scored} candidate pairs across profiles: ${estimate.merged} merged, ${estimate.suggested} queued, ` +
        `${estimate.heldAsNamesakes} held as numbered namesakes`,
    );
    if (model.uSameName)
      console.log(
        `  e-mail u between two people of one name (${model.basis?.sameNamePairs ?? 0} pairs): ` +
          Object.entries(model.uSameName.email)
            .map(([level, u]) => `${level} ${u.toExponential(1)}`)
            .join(', '),
      );
    for (const [comparison, levels] of Object.entries(model.m))
      console.log(
        `  ${comparison.padEnd(6)} ` +
          Object.entries(levels)
            .map(
              ([level, m]) =>
                `${level} m=${m.toFixed(3)} u=${(model.u[comparison]?.[level] ?? 0).toExponential(1)}`,
            )
            .join(', '),
      );
  } else
    console.log('No staff token (--staff-token): the match model is not estimated, suggestions not checked.');

  const { listed, profiles, report } = await score();
  console.log(
    `\n${listed.length} profiles, ${new Set(listed.flatMap((p) => (p.householdId ? [p.householdId] : []))).size} households ` +
      `(ground truth: ${new Set([...truth.identifiers.values()].flatMap((t) => (t.owner.kind === 'person' ? [t.owner.personId] : []))).size} people seen, ${dataset.households.length} households)`,
  );
  printScores(report);
  const possibleOnly = new Set(
    dataset.people
      .flatMap((person) => person.phones.filter(isPossibleOnlyPhone).map((phone) => `phone:${e164(phone)}`))
      .filter((key) => truth.identifiers.has(key)),
  );
  const homes = householdScores(
    truth,
    dataset.households,
    listed.map((profile, i) => ({
      profileId: profile.profileId,
      householdId: profile.householdId ?? null,
      keys: profiles[i]?.keys ?? [],
    })),
    possibleOnly,
  );
  console.log(
    `households: ${homes.truth} in ground truth seen with both members (${dataset.households.filter((h) => !h.claims).length} of ${dataset.households.length} never claim with the card), ` +
      `${homes.formed} formed, ${homes.merged} merged into one profile, ${homes.missed} apart without household; ${homes.predicted} predicted`,
  );
  const toldApart = householdsToldApart(dataset.observations);
  const notFormed = dataset.households.filter((household) => {
    const [a, b] = household.personIds.map((id) =>
      listed.filter((p, i) =>
        (profiles[i]?.keys ?? []).some(
          (k) =>
            truth.identifiers.get(k)?.owner.kind === 'person' &&
            (truth.identifiers.get(k)?.owner as { personId: string }).personId === id,
        ),
      ),
    );
    return (
      (a ?? []).length > 0 &&
      (b ?? []).length > 0 &&
      !(a ?? []).some(
        (p) =>
          p.householdId &&
          (b ?? []).some((q) => q.householdId === p.householdId && q.profileId !== p.profileId),
      )
    );
  });
  console.log(
    `  of the ${notFormed.length} not formed, ${notFormed.filter((h) => toldApart.has(h.householdId)).length} were told apart by the data ` +
      `(${toldApart.size} of ${dataset.households.length} households are: something of one kind each at the card, or two names given online); ` +
      `the others showed it with nothing of the same kind, and one member or both never gave a name`,
  );
  console.log(
    `possible-but-not-valid phones: ${homes.possibleOnlyPhones.linked} of ${homes.possibleOnlyPhones.truth} seen are kept in a profile`,
  );
  let wrongAutoMerges: number | null = null;
  if (curator) {
    const side = ({ type, hash: h }: { type: string; hash: string }) => keyOf.get(`${type}:${h}`) ?? null;
    const checked = async (status: 'open' | 'merged') =>
      suggestionScores(
        labels,
        (await curator.allSuggestions(config.tenantId, status)).map((s) => ({ a: side(s.a), b: side(s.b) })),
      );
    const merged = await checked('merged');
    const queued = await checked('open');
    wrongAutoMerges = merged.wrong;
    console.log(`automatic merges: ${merged.total}, wrong ${merged.wrong}`);
    console.log(`suggestions in the review queue: ${queued.total}, wrong ${queued.wrong}`);
    for (const pair of [...merged.wrongPairs, ...queued.wrongPairs].slice(0, Number(values.examples)))
      console.log('  wrong pair:', JSON.stringify(pair));
  }
  const extras = { householdsNotFormed: homes.merged + homes.missed, wrongAutoMerges };
  printDiagnosis(dataset, profiles, Number(values.examples));
  printTargets(report, extras);
  exitCode = meetsTargets(report, extras) ? 0 : 1;
  console.log(exitCode === 0 ? '\nTargets met.' : '\nTargets missed.');
} finally {
  await service.stop();
}
process.exit(exitCode);
