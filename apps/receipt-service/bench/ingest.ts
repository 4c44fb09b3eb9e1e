/**
 * Ingest benchmark: how many POS sales per second the receipt service accepts (validated, stored
 * with receipt and outbox event, answered 201), what each costs in database commands, and the
 * same documents inserted raw through the driver. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/receipt-service bench [-- --connections 10 --seconds 15 --tills 10]
 *   pnpm --filter @scontrino/receipt-service bench -- --cpu-prof /tmp/ingest-prof   # + top self time
 *   pnpm --filter @scontrino/receipt-service bench -- --built   # dist/start.js with the image's Node flags
 *
 * Every sale is a member's card sale with an e-mail receipt (as `pnpm bench` sends), each with a
 * new transactionId and its own Idempotency-Key, spread over `--tills` terminal keys. The service
 * runs from source under tsx with its jobs (the e-mails go to a mail sink), as `npm start` runs it,
 * or with `--built` from its tsup build (build it first) with the Node flags of the image's CMD.
 *
 * Besides the service's CPU per sale it prints the database's: FerretDB's process and the
 * PostgreSQL backends of the bench's database (found by their process titles in /proc), and
 * Redis's; then the service's resident memory and V8 heap at the end of the burst.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  imageNodeArguments,
  startDatabase,
  startMailSink,
  startRedis,
  withDatabaseName,
} from '@scontrino/stack';
import { createLocalIssuer } from '@scontrino/staff-access';
import { createTRPCClient, httpLink } from '@trpc/client';
import autocannon from 'autocannon';
import getPort from 'get-port';
import mongoose from 'mongoose';
import type { ReceiptRouter } from '../src/api/router.js';
import { mainThreadProfile, projectInclusiveTime, selfTimeByPackage, topSelfTime } from './cpu-profile.js';
import { cpuOfProcesses, postgresBackends, processCpuMs, processRssMb } from './process-cpu.js';
import { benchmarkSale } from './sale.js';

const { values } = parseArgs({
  // `pnpm bench -- --seconds 5` passes the `--` along.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
    tills: { type: 'string', default: '10' },
    /** Writes the service's CPU profile (`node --cpu-prof`) to this directory and prints its top. */
    'cpu-prof': { type: 'string' },
    /** Anonymous sales (no card, no e-mail: a claim code instead), to tell the e-mail's cost apart. */
    anonymous: { type: 'boolean', default: false },
    /** Skips the raw driver phase. */
    'no-raw': { type: 'boolean', default: false },
    /** Writes a heap snapshot of the service after the burst (and its drain) to this directory. */
    'heap-snapshot': { type: 'string' },
    /** The service from its tsup build (`dist/start.js`) with the image's Node flags, not tsx. */
    built: { type: 'boolean', default: false },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const tills = Number(values.tills);
const profileDir = values['cpu-prof'] && resolve(values['cpu-prof']);
const snapshotDir = values['heap-snapshot'] && resolve(values['heap-snapshot']);
const SERVICE_TOKEN = 'benchmark-service-token-000000000000000';
const METRICS_TOKEN = 'benchmark-metrics-token-000000000000000';
const STORE = 'MI-001';

if (snapshotDir) await mkdir(snapshotDir, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-bench-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
const mail = await startMailSink();
// Staff procedures (tenant, store, keys) take a staff token: a local issuer the service trusts.
const issuer = await createLocalIssuer({ issuer: 'https://staff.scontrino.bench' });
const staffToken = await issuer.sign({ sub: 'bench-admin', roles: ['admin'], tenants: ['*'] });
const port = await getPort();
const url = `http://127.0.0.1:${port}`;
const entry = values.built ? await imageNodeArguments() : ['--import', 'tsx', 'src/start.ts'];
const service = spawn(
  process.execPath,
  [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []),
    ...entry,
  ],
  {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      PUBLIC_URL: url,
      MONGODB_URI: withDatabaseName(database.url, 'bench_receipt'),
      REDIS_URL: redis.url,
      SMTP_URL: `smtp://${mail.smtpHost}:${mail.smtpPort}`,
      SERVICE_TOKEN,
      METRICS_TOKEN,
      STAFF_TOKEN_ISSUER: issuer.config.issuer,
      STAFF_TOKEN_AUDIENCE: issuer.config.audience,
      STAFF_JWKS: JSON.stringify(issuer.jwks),
      CRYPTO_KEYS: JSON.stringify({ '1': Buffer.alloc(32, 7).toString('base64') }),
      CRYPTO_ACTIVE_KEY: '1',
      LOOKUP_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const exited = new Promise((resolve) => service.once('exit', resolve));

/** `scontrino_db_commands_total` of the service by `command collection`. */
async function databaseCommands(): Promise<Map<string, number>> {
  const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then(
    (response) => response.text(),
  );
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/^scontrino_db_commands_total\{([^}]*)\} (\S+)$/gm)) {
    const labels = new Map(
      [...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((label) => [label[1] ?? '', label[2] ?? '']),
    );
    counts.set(`${labels.get('command') ?? ''} ${labels.get('collection') ?? ''}`, Number(match[2]));
  }
  return counts;
}

/** CPU time the service's process has used so far, ms (user + system, from /proc). */
async function serviceCpuMs(): Promise<number> {
  return (await processCpuMs(service.pid ?? 0)) ?? 0;
}

/** The other processes a sale keeps busy: FerretDB, its PostgreSQL backends, Redis. */
const databaseProcesses = {
  ferretdb: cpuOfProcesses(() => Promise.resolve(database.pid === undefined ? [] : [database.pid])),
  postgresql: cpuOfProcesses(() =>
    database.postgresqlDatabase === undefined
      ? Promise.resolve([])
      : postgresBackends(database.postgresqlDatabase),
  ),
  redis: cpuOfProcesses(() => Promise.resolve(redis.pid === undefined ? [] : [redis.pid])),
};
type ProcessSnapshots = Record<keyof typeof databaseProcesses, Map<number, number>>;
async function snapshotProcesses(): Promise<ProcessSnapshots> {
  return {
    ferretdb: await databaseProcesses.ferretdb.snapshot(),
    postgresql: await databaseProcesses.postgresql.snapshot(),
    redis: await databaseProcesses.redis.snapshot(),
  };
}
async function processesCpuSince(before: ProcessSnapshots) {
  return {
    ferretdb: await databaseProcesses.ferretdb.since(before.ferretdb),
    postgresql: await databaseProcesses.postgresql.since(before.postgresql),
    redis: await databaseProcesses.redis.since(before.redis),
  };
}

/** A gauge of the service's `/metrics` (prom-client's process metrics), summed over its labels. */
async function serviceGauge(name: string): Promise<number> {
  const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then(
    (response) => response.text(),
  );
  let sum = 0;
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm')))
    sum += Number(match[1]);
  return sum;
}

/** Now on the monotonic clock, µs: what the CPU profile's timestamps count in. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

const line = (label: string, value: string) => console.log(`${label.padEnd(40)}${value}`);
/** The ingest burst on the monotonic clock: the CPU profile's top counts only this. */
const burst = { from: 0, to: 0 };

try {
  while (
    (await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  )
    await sleep(200);
  const admin = createTRPCClient<ReceiptRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${staffToken}` } })],
  });
  await admin.tenants.create.mutate({ tenantId: 'moda-rossi', name: 'Moda Rossi' });
  await admin.stores.upsert.mutate({
    storeId: STORE,
    tenantId: 'moda-rossi',
    name: 'Moda Rossi Milano',
    legalName: 'Moda Rossi S.r.l.',
    address: { street: 'Corso Buenos Aires 21', postalCode: '20124', city: 'Milano', country: 'IT' },
    vatNumber: 'IT01234567890',
    timeZone: 'Europe/Rome',
    defaultLocale: 'it-IT',
    currency: 'EUR',
    branding: { accentColor: '#8c1c3c', footer: 'Cambi e resi entro 30 giorni.' },
  });
  const keys = await Promise.all(
    Array.from({ length: tills }, async (_, index) => {
      const terminalId = `T${String(index + 1).padStart(2, '0')}`;
      const { key } = await admin.terminals.issueKey.mutate({ storeId: STORE, terminalId });
      return { terminalId, key };
    }),
  );

  // What the service spends with nothing to do (timers, queue polling), taken out of the burst's CPU.
  const IDLE_MS = 5_000;
  const idleFrom = await serviceCpuMs();
  const idleProcesses = await snapshotProcesses();
  await sleep(IDLE_MS);
  const idleCpuPerMs = ((await serviceCpuMs()) - idleFrom) / IDLE_MS;
  const idleOthers = await processesCpuSince(idleProcesses);
  const loadBefore = loadavg();

  let sequence = 0;
  let mailed = 0;
  mail.onMail(() => {
    mailed += 1;
  });
  const before = await databaseCommands();
  const cpuBefore = await serviceCpuMs();
  const processesBefore = await snapshotProcesses();
  burst.from = monotonicMicros();
  const result = await autocannon({
    url: `${url}/v1/transactions`,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          sequence += 1;
          const till = keys[sequence % keys.length] ?? keys[0];
          if (!till) throw new Error('no till key');
          return {
            ...request,
            body: JSON.stringify(benchmarkSale(STORE, sequence, !values.anonymous, till.terminalId)),
            headers: {
              ...request.headers,
              'content-type': 'application/json',
              authorization: `Bearer ${till.key}`,
              'idempotency-key': `bench-${sequence}`,
            },
          };
        },
      },
    ],
  });
  burst.to = monotonicMicros();
  const burstMs = (burst.to - burst.from) / 1000;
  const burstCpuMs = (await serviceCpuMs()) - cpuBefore - idleCpuPerMs * burstMs;
  const others = await processesCpuSince(processesBefore);
  const loadAfter = loadavg();
  const cpuPerSale = burstCpuMs / Math.max(result['2xx'], 1);
  const rss = await processRssMb(service.pid ?? 0);
  const burstCommands = await databaseCommands();
  // The sales' whole cost in this process and the databases: the burst, then its drain until every
  // accepted sale's receipt e-mail has reached the sink (a card sale's waits for its loyalty block,
  // which no loyalty service sends here: LOYALTY_BLOCK_WAIT_MS, 5 s by default).
  const drainFrom = monotonicMicros();
  while (mailed < result['2xx'] && monotonicMicros() - drainFrom < 120_000_000) await sleep(100);
  const drainedMs = (monotonicMicros() - burst.from) / 1000;
  const wholeServiceMs = (await serviceCpuMs()) - cpuBefore - idleCpuPerMs * drainedMs;
  const wholeOthers = await processesCpuSince(processesBefore);
  const heapUsedMb = (await serviceGauge('nodejs_heap_size_used_bytes')) / 2 ** 20;
  const heapTotalMb = (await serviceGauge('nodejs_heap_size_total_bytes')) / 2 ** 20;
  const externalMb = (await serviceGauge('nodejs_external_memory_bytes')) / 2 ** 20;
  const after = burstCommands;
  const wholeCommands = await databaseCommands();
  const accepted = result['2xx'];
  const serviceRate = accepted / seconds;
  const perSale = [...after]
    .map(([name, count]) => [name, (count - (before.get(name) ?? 0)) / Math.max(accepted, 1)] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1]);

  console.log(
    `\nreceipt-service ingest, ${values.anonymous ? 'anonymous sales' : 'card sales with an e-mail receipt'}, ${connections} connections, ${tills} tills, ${seconds} s, database ${database.kind}`,
  );
  line('accepted sales (201)', String(accepted));
  line('other answers', String(result.non2xx));
  line('errors / timeouts', `${result.errors} / ${result.timeouts}`);
  line('accepted sales per second', serviceRate.toFixed(1));
  line(
    'latency p50 / p97.5 / p99 (ms)',
    `${result.latency.p50} / ${result.latency.p97_5} / ${result.latency.p99}`,
  );
  line(
    'service CPU per accepted sale (ms)',
    `${cpuPerSale.toFixed(2)} (idle ${(idleCpuPerMs * 1000).toFixed(0)} ms/s taken out)`,
  );
  for (const name of ['ferretdb', 'postgresql', 'redis'] as const) {
    const idle = (idleOthers[name].ms / IDLE_MS) * burstMs;
    line(
      `${name} CPU per accepted sale (ms)`,
      `${((others[name].ms - idle) / Math.max(accepted, 1)).toFixed(2)} (${others[name].processes} processes, idle ${((idleOthers[name].ms / IDLE_MS) * 1000).toFixed(0)} ms/s taken out)`,
    );
  }
  line(
    'load average before / after (1 min)',
    `${(loadBefore[0] ?? 0).toFixed(1)} / ${(loadAfter[0] ?? 0).toFixed(1)}`,
  );
  line('service RSS now / peak (MB)', rss ? `${rss.rss.toFixed(0)} / ${rss.peak.toFixed(0)}` : 'n/a');
  line(
    'service V8 heap used / total, external (MB)',
    `${heapUsedMb.toFixed(0)} / ${heapTotalMb.toFixed(0)}, ${externalMb.toFixed(0)}`,
  );
  line(
    'burst and drain: e-mails, seconds',
    `${mailed} of ${accepted}, ${(drainedMs / 1000).toFixed(1)} s (idle CPU taken out below)`,
  );
  line('  service CPU per sale (ms)', (wholeServiceMs / Math.max(accepted, 1)).toFixed(2));
  const drainedRss = await processRssMb(service.pid ?? 0);
  line(
    '  service RSS now / peak (MB)',
    drainedRss ? `${drainedRss.rss.toFixed(0)} / ${drainedRss.peak.toFixed(0)}` : 'n/a',
  );
  for (const name of ['ferretdb', 'postgresql', 'redis'] as const) {
    const idle = (idleOthers[name].ms / IDLE_MS) * drainedMs;
    line(`  ${name} CPU per sale (ms)`, ((wholeOthers[name].ms - idle) / Math.max(accepted, 1)).toFixed(2));
  }
  const wholePerSale = [...wholeCommands]
    .map(([name, count]) => [name, (count - (before.get(name) ?? 0)) / Math.max(accepted, 1)] as const)
    .filter(([, count]) => count > 0);
  line('  database commands per sale', wholePerSale.reduce((sum, [, count]) => sum + count, 0).toFixed(2));
  line('database commands per sale (burst)', perSale.reduce((sum, [, count]) => sum + count, 0).toFixed(2));
  for (const [name, count] of perSale) line(`  ${name}`, count.toFixed(2));

  if (snapshotDir) {
    // Once the pipeline has drained what the burst left (e-mails waiting for loyalty: 5 s).
    await sleep(10_000);
    const before = new Set(await readdir(snapshotDir).catch(() => []));
    service.kill('SIGUSR2');
    let written: string | undefined;
    for (let waited = 0; !written && waited < 120_000; waited += 500) {
      await sleep(500);
      written = (await readdir(snapshotDir)).find(
        (name) => name.endsWith('.heapsnapshot') && !before.has(name),
      );
    }
    // The snapshot is complete once its size stops changing.
    for (let size = -1; written;) {
      const now = (await stat(join(snapshotDir, written))).size;
      if (now === size) break;
      size = now;
      await sleep(1_000);
    }
    const after = await processRssMb(service.pid ?? 0);
    line('heap snapshot after the drain', written ? join(snapshotDir, written) : 'not written');
    line(
      'service RSS now / peak after the drain (MB)',
      after ? `${after.rss.toFixed(0)} / ${after.peak.toFixed(0)}` : 'n/a',
    );
  }

  if (!values['no-raw']) {
    // The same number of documents of the same size, inserted by the driver with the same concurrency.
    const raw = await mongoose.createConnection(withDatabaseName(database.url, 'bench_raw')).asPromise();
    const collection = raw.collection('transactions');
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < accepted) {
          next += 1;
          await collection.insertOne({
            payload: benchmarkSale(STORE, next, true),
            receivedAt: new Date(),
          });
        }
      }),
    );
    const rawRate = accepted / ((performance.now() - started) / 1000);
    await raw.close();
    line('raw driver insertOne per second', rawRate.toFixed(1));
    line('service / raw', `${((serviceRate / rawRate) * 100).toFixed(1)} %`);
  }
} finally {
  service.kill('SIGTERM');
  await exited;
  await mail.stop();
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}

if (profileDir) {
  const profile = await mainThreadProfile(profileDir);
  console.log(`\ntop self time of the service during the burst, share of its busy time (${profileDir}):`);
  for (const { name, ms, share } of topSelfTime(profile, 25, burst))
    line(`${(share * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms`, name);
  console.log('\nself time by package or folder, same window:');
  for (const { name, ms, share } of selfTimeByPackage(profile, 25, burst))
    line(`${(share * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms`, name);
  console.log(
    "\nthe project's functions, inclusive time (everything they called synchronously), same window:",
  );
  for (const { name, ms, share } of projectInclusiveTime(profile, 40, burst))
    line(`${(share * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms`, name);
}
