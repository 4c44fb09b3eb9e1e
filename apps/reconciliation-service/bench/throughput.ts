/**
 * Throughput benchmark: observations per second through the public API (a fixed number of
 * callers sending the synthetic stream, identify calls and web orders mixed as generated), the
 * link latency (POST accepted → `observations.status` linked, sampled), and the time to rebuild
 * every profile from 1 M identifiers in memory with the pure `rebuildProfiles`. Prints numbers;
 * asserts nothing.
 *
 *   pnpm --filter @scontrino/reconciliation-service bench [-- --seconds 30 --connections 8 --identifiers 1000000]
 *   … bench -- --sample-every 0   (no link latency: the commands per observation are the linking's alone)
 *   … bench -- --url http://127.0.0.1:4003 --token <SERVICE_TOKEN>   (API part against a running service)
 *   … bench -- --batch 50   (each caller sends 50 inputs' identify calls as one observations.identifyMany)
 *
 * After the API and inbox runs, a fresh service's linker is fed the same kind of stream directly,
 * in this process (`--linking-in-flight`, default 100; 0 skips it): what linking keeps up with
 * without the API's cost.
 */
import { parseArgs } from 'node:util';
import type { SyntheticInput } from './synthetic/api-inputs.js';
import { benchDataset, measureApiThroughput } from './api-throughput.js';
import { measureInboxThroughput } from './inbox-throughput.js';
import { measureLinkingThroughput } from './linking-throughput.js';
import { startLocalService, type InProcessService, type LocalService } from './local-service.js';
import { timeRebuild } from './rebuild-timing.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '8' },
    /** Identify calls per request: above 1, each caller sends them as one observations.identifyMany. */
    batch: { type: 'string', default: '1' },
    'sample-every': { type: 'string', default: '5' },
    identifiers: { type: 'string', default: '1000000' },
    url: { type: 'string' },
    token: { type: 'string' },
    /** No run through the API and the inbox (the linker alone and the rebuild still run). */
    'skip-api': { type: 'boolean', default: false },
    /** Observations handed to the linker at once after the API run, no HTTP (0: no such run). */
    'linking-in-flight': { type: 'string', default: '100' },
    /** Till sales put into the inbox at once after the API run (0: none). */
    'inbox-events': { type: 'string', default: '2000' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const sampleEvery = Number(values['sample-every']);
const batch = Number(values.batch);
const line = (label: string, value: string) => console.log(`${label.padEnd(44)}${value}`);
const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);
const ms = (sorted: readonly number[], p: number) => percentile(sorted, p).toFixed(0);

/** Resolves once the service has sent no database command for `ms` (its inbox is drained). */
async function quiet(count: () => number, ms = 1_000): Promise<void> {
  for (let before = -1; before !== count();) {
    before = count();
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

async function apiBenchmark(
  service: Pick<LocalService, 'url' | 'serviceToken' | 'databaseKind' | 'dbCommands' | 'dbCommandsBy'>,
  inputs: readonly SyntheticInput[],
) {
  const counted = { total: service.dbCommands?.() ?? 0, by: service.dbCommandsBy?.() ?? new Map() };
  const result = await measureApiThroughput(service, inputs, { seconds, connections, sampleEvery, batch });
  const total = result.accepted.identify + result.accepted['online-order'];
  console.log(
    `\nreconciliation-service API, ${connections} callers${batch > 1 ? `, up to ${batch} identify calls per request` : ''}, ${result.elapsedS.toFixed(1)} s, database ${service.databaseKind}`,
  );
  line(
    'observations accepted',
    `${total} (identify ${result.accepted.identify}, web orders ${result.accepted['online-order']})`,
  );
  line('refused / failed requests', String(result.failures));
  line('observations per second', result.perSecond.toFixed(1));
  line('request latency p50 / p99 (ms)', `${ms(result.requestMs, 50)} / ${ms(result.requestMs, 99)}`);
  const all = result.linkMs.all;
  const orders = result.linkMs['online-order'];
  line('link latency sampled (linked / sampled)', `${all.length} / ${result.sampled}`);
  line('link latency p50 / p99, all (ms)', `${ms(all, 50)} / ${ms(all, 99)}`);
  line('link latency p50 / p99, web orders (ms)', `${ms(orders, 50)} / ${ms(orders, 99)}`);
  if (service.dbCommands && service.dbCommandsBy)
    await printCommands(
      { dbCommands: service.dbCommands, dbCommandsBy: service.dbCommandsBy },
      counted,
      total,
      sampleEvery > 0 ? ' (with the status polls)' : '',
    );
}

/** The linker alone, on a fresh service: what linking keeps up with, without the API's cost. */
async function linkingBenchmark(
  service: InProcessService,
  inputs: readonly SyntheticInput[],
  inFlight: number,
) {
  const counted = { total: service.dbCommands(), by: service.dbCommandsBy() };
  const result = await measureLinkingThroughput(service.graph, inputs, { seconds, inFlight });
  console.log(
    `\nlinking alone (in process, no HTTP), ${inFlight} observations in flight, ${result.elapsedS.toFixed(1)} s`,
  );
  line('observations linked', String(result.linked));
  line('observations linked per second', result.perSecond.toFixed(1));
  line('handed → linked p50 / p99 (ms)', `${ms(result.linkMs, 50)} / ${ms(result.linkMs, 99)}`);
  await printCommands(service, counted, result.linked);
}

type CommandCounts = Map<string, { count: number; ms: number }>;

/** Once the service is quiet: its database commands since `counted`, per observation, in all and by command. */
async function printCommands(
  service: Pick<InProcessService, 'dbCommands' | 'dbCommandsBy'>,
  counted: { total: number; by: CommandCounts },
  observations: number,
  note = '',
) {
  await quiet(service.dbCommands);
  line(
    `database commands per observation${note}`,
    ((service.dbCommands() - counted.total) / observations).toFixed(2),
  );
  printByCommand(service.dbCommandsBy(), counted.by, observations);
}

/** Commands per observation by command and collection, largest first, with their mean time. */
function printByCommand(after: CommandCounts, before: CommandCounts, observations: number) {
  const rows = [...after]
    .map(([key, { count, ms }]) => {
      const earlier = before.get(key) ?? { count: 0, ms: 0 };
      return { key, count: count - earlier.count, ms: ms - earlier.ms };
    })
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count);
  for (const row of rows)
    line(
      `  ${row.key}`,
      `${(row.count / observations).toFixed(2)} per observation, mean ${(row.ms / row.count).toFixed(1)} ms`,
    );
}

if (!values['skip-api']) {
  // Batched calls go through the stream several times faster: more people, so it lasts the run.
  const { inputs, storeBlocklist } = benchDataset(seconds, batch > 1 ? 100 : 20);
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
    await apiBenchmark(service, inputs);
    const events = Number(values['inbox-events']);
    if (service.inbox && service.dbCommands && events > 0) {
      const inbox = await measureInboxThroughput(
        { ...service.inbox, dbCommands: service.dbCommands },
        events,
      );
      console.log(
        `\ninbox: ${inbox.events} till sales at once, INBOX_CONCURRENCY ${process.env.INBOX_CONCURRENCY ?? 'default'}`,
      );
      line('sales linked per second', inbox.perSecond.toFixed(1));
      line('database commands per sale (with its record)', inbox.commandsPerEvent.toFixed(2));
    }
  } finally {
    await service.stop();
  }
}

const inFlight = Number(values['linking-in-flight']);
if (!values.url && inFlight > 0) {
  // A fresh service: the linker starts on an empty database, as the API run did. Up to 100
  // people a second, so the stream does not run out at a few hundred observations a second.
  const { inputs, storeBlocklist } = benchDataset(seconds, 100);
  const service = await startLocalService({ blocklist: storeBlocklist });
  try {
    await linkingBenchmark(service, inputs, inFlight);
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
