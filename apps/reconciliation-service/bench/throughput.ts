/**
 * Throughput benchmark: observations per second through the public API (a fixed number of
 * callers sending the synthetic stream, identify calls and web orders mixed as generated), the
 * link latency (POST accepted → `observations.status` linked, sampled), and the time to rebuild
 * every profile from 1 M identifiers in memory with the pure `rebuildProfiles`. Prints numbers;
 * asserts nothing.
 *
 *   pnpm --filter @scontrino/reconciliation-service bench [-- --seconds 30 --connections 8 --identifiers 1000000]
 *   … bench -- --url http://127.0.0.1:4003 --token <SERVICE_TOKEN>   (API part against a running service)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { SyntheticInput } from '../src/synthetic/api-inputs.js';
import { generateDataset } from '../src/synthetic/dataset.js';
import { e164 } from '../src/synthetic/phones.js';
import { reconciliationClient } from './api-client.js';
import type { ReconciliationCalls } from './feed.js';
import { startLocalService, type LocalService } from './local-service.js';
import { timeRebuild } from './rebuild-timing.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '8' },
    'sample-every': { type: 'string', default: '5' },
    identifiers: { type: 'string', default: '1000000' },
    url: { type: 'string' },
    token: { type: 'string' },
    'skip-api': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const sampleEvery = Number(values['sample-every']);
const line = (label: string, value: string) => console.log(`${label.padEnd(44)}${value}`);
const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
const ms = (sorted: readonly number[], p: number) => percentile(sorted, p).toFixed(0);

/** Polls one observation every 20 ms until linked: the latency a client waiting on it sees. */
async function linkLatency(
  calls: ReconciliationCalls,
  observationId: string,
  acceptedAt: number,
  deadline: number,
) {
  while (performance.now() < deadline) {
    if (await calls.linked(observationId)) return performance.now() - acceptedAt;
    await sleep(20);
  }
  return null;
}

async function apiBenchmark(
  service: Pick<LocalService, 'url' | 'serviceToken' | 'databaseKind'>,
  inputs: readonly SyntheticInput[],
) {
  const { calls } = reconciliationClient(service.url, service.serviceToken);
  const requestMs: number[] = [];
  const accepted: Record<SyntheticInput['kind'], number> = { identify: 0, 'online-order': 0 };
  const watchers: Promise<{ kind: SyntheticInput['kind']; latency: number | null }>[] = [];
  let next = 0;
  let failures = 0;
  const stopAt = performance.now() + seconds * 1000;
  const caller = async () => {
    while (performance.now() < stopAt && next < inputs.length) {
      const input = inputs[next] as SyntheticInput;
      next += 1;
      const sent = performance.now();
      try {
        const answer = await (input.kind === 'identify'
          ? calls.identify(input.body)
          : calls.recordOrder(input.body));
        const now = performance.now();
        requestMs.push(now - sent);
        accepted[input.kind] += 1;
        if (next % sampleEvery === 0)
          watchers.push(
            linkLatency(calls, answer.observationId, now, now + 120_000).then((latency) => ({
              kind: input.kind,
              latency,
            })),
          );
      } catch {
        failures += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, caller));
  const elapsedS = (performance.now() - started) / 1000;
  const latencies = await Promise.all(watchers);
  const linked = (kind?: SyntheticInput['kind']) =>
    latencies
      .filter((l) => l.latency !== null && (!kind || l.kind === kind))
      .map((l) => l.latency as number)
      .sort((a, b) => a - b);
  const total = accepted.identify + accepted['online-order'];
  requestMs.sort((a, b) => a - b);
  console.log(
    `\nreconciliation-service API, ${connections} callers, ${elapsedS.toFixed(1)} s, database ${service.databaseKind}`,
  );
  line(
    'observations accepted',
    `${total} (identify ${accepted.identify}, web orders ${accepted['online-order']})`,
  );
  line('refused / failed requests', String(failures));
  line('observations per second', (total / elapsedS).toFixed(1));
  line('request latency p50 / p99 (ms)', `${ms(requestMs, 50)} / ${ms(requestMs, 99)}`);
  const all = linked();
  const orders = linked('online-order');
  line('link latency sampled (linked / sampled)', `${all.length} / ${latencies.length}`);
  line('link latency p50 / p99, all (ms)', `${ms(all, 50)} / ${ms(all, 99)}`);
  line('link latency p50 / p99, web orders (ms)', `${ms(orders, 50)} / ${ms(orders, 99)}`);
}

if (!values['skip-api']) {
  // Enough people for the run: the stream is cut when the time is up.
  const dataset = generateDataset({ people: Math.max(500, Math.ceil(seconds * 20)), seed: 7 });
  const storeBlocklist = dataset.stores.map((store) => `phone:${e164(store.phone)}`);
  const service: LocalService = values.url
    ? {
        url: values.url,
        serviceToken: values.token ?? '',
        lookupHashKey: '',
        databaseKind: 'remote',
        stop: async () => {},
      }
    : await startLocalService({ blocklist: storeBlocklist });
  try {
    await apiBenchmark(service, dataset.inputs);
  } finally {
    await service.stop();
  }
}

const identifiers = Number(values.identifiers);
const rebuild = timeRebuild(identifiers);
console.log(`\nrebuildProfiles on ${rebuild.identifiers} identifiers, ${rebuild.links} links (in memory)`);
line('graph generated in (s)', (rebuild.generateMs / 1000).toFixed(1));
line('rebuild, every profile new (s)', (rebuild.coldMs / 1000).toFixed(2));
line('rebuild, every profile existing (s)', (rebuild.warmMs / 1000).toFixed(2));
line(
  'profiles / households / quarantined',
  `${rebuild.profiles} / ${rebuild.households} / ${rebuild.quarantined}`,
);
line(
  'heap used after / peak RSS / RSS before (MB)',
  `${rebuild.heapUsedMb} / ${rebuild.peakRssMb} / ${rebuild.rssBeforeMb}`,
);
process.exit(0);
