/**
 * Dashboard benchmark: how long the back office's KPI dashboard takes to get its data
 * (`kpis.salesDaily` through the service's tRPC API, as the back office's server forwards it) over
 * a year of a 500-store brand: 365 days × 500 stores of daily rollups. Prints numbers; asserts
 * nothing (the target, under a second, is in docs/performance.md with the last run's numbers).
 *
 *   pnpm --filter @scontrino/receipt-service bench:dashboard [-- --stores 500 --days 365]
 *
 * The rollups are inserted through the driver as the consumer would have left them after a year:
 * each store's day, each brand day marked, and (after the first read, which sums every day once:
 * what the first dashboard after an upgrade costs) each brand day's summary. Then: the first read
 * of a freshly started service with today's day still trading (its summary stale, summed again
 * from its 500 store days), the same read warm, and a store manager's year of one store.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLocalIssuer } from '@scontrino/staff-access';
import { startDatabase, startRedis } from '@scontrino/stack';
import { createTRPCClient, httpLink } from '@trpc/client';
import getPort from 'get-port';
import mongoose from 'mongoose';
import type { ReceiptRouter } from '../src/api/router.js';
import { emptyFigures, rollupCounters } from '../src/domain/sales-rollup.js';
import { CLOCK_MARGIN_MS } from '../src/store/sales-rollup-days.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    stores: { type: 'string', default: '500' },
    days: { type: 'string', default: '365' },
    warm: { type: 'string', default: '5' },
  },
});
const STORES = Number(values.stores);
const DAYS = Number(values.days);
const WARM = Number(values.warm);
const TENANT = 'moda-rossi';
const SERVICE_TOKEN = 'benchmark-service-token-000000000000000';
const FIRST_DAY = Date.UTC(2025, 11, 1);
const dayOf = (index: number) => new Date(FIRST_DAY + index * 86_400_000).toISOString().slice(0, 10);
const from = dayOf(0);
const to = dayOf(DAYS - 1);
const storeId = (index: number) => `S-${String(index).padStart(3, '0')}`;

const line = (label: string, value: string) => console.log(`${label.padEnd(58)}${value}`);
const ms = (started: number) => `${(performance.now() - started).toFixed(0)} ms`;

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-bench-dashboard-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
const issuer = await createLocalIssuer({ issuer: 'https://staff.bench.test' });
const databaseUri = `${database.url}/bench_dashboard`;

async function startService() {
  const port = await getPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      PUBLIC_URL: url,
      MONGODB_URI: databaseUri,
      REDIS_URL: redis.url,
      SMTP_URL: 'smtp://127.0.0.1:2525',
      SERVICE_TOKEN,
      STAFF_TOKEN_ISSUER: issuer.config.issuer,
      STAFF_TOKEN_AUDIENCE: issuer.config.audience,
      STAFF_JWKS: JSON.stringify(issuer.jwks),
      METRICS_TOKEN: 'benchmark-metrics-token-0000000000000000',
      CRYPTO_KEYS: JSON.stringify({ '1': Buffer.alloc(32, 7).toString('base64') }),
      CRYPTO_ACTIVE_KEY: '1',
      LOOKUP_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  while (
    (await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  )
    await sleep(200);
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const clientAs = (url: string, token: string) =>
  createTRPCClient<ReceiptRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });

/** A day's figures of one store: small, varied, integer. */
function figuresOf(store: number, day: number) {
  const sales = 40 + ((store * 7 + day * 13) % 60);
  const figures = emptyFigures();
  Object.assign(figures, {
    sales,
    grossRevenue: sales * 5_000,
    returns: sales % 5,
    refunded: (sales % 5) * 3_000,
    identified: Math.floor(sales / 2),
    emailed: Math.floor(sales / 4),
    inApp: Math.floor(sales / 8),
    claimable: Math.floor(sales / 3),
    claimed: Math.floor(sales / 12),
    digital: Math.floor(sales / 4) + Math.floor(sales / 8) + Math.floor(sales / 12),
    emailsSent: Math.floor(sales / 4),
    emailsFailed: sales % 2,
    optOuts: sales % 3 === 0 ? 1 : 0,
  });
  return figures;
}

let service: Awaited<ReturnType<typeof startService>> | undefined;
let connection: mongoose.Connection | undefined;
try {
  service = await startService();
  connection = await mongoose.createConnection(databaseUri).asPromise();
  const admin = clientAs(
    service.url,
    await issuer.sign({ sub: 'bench-admin', roles: ['admin'], tenants: ['*'] }),
  );
  await admin.tenants.create.mutate({ tenantId: TENANT, name: 'Moda Rossi' });
  const db = connection.db!;
  // The service made its indexes at start; the rollups as a year of events leaves them.
  let started = performance.now();
  const total = emptyFigures();
  const batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.collection('sales_rollups').insertMany(batch.splice(0), { ordered: false });
  };
  for (let day = 0; day < DAYS; day++) {
    for (let store = 0; store < STORES; store++) {
      const figures = figuresOf(store, day);
      for (const name of rollupCounters) total[name] += figures[name];
      batch.push({
        _id: `${TENANT}|${storeId(store)}|${dayOf(day)}`,
        tenantId: TENANT,
        storeId: storeId(store),
        day: dayOf(day),
        month: dayOf(day).slice(0, 7),
        // The event keys of a day (one per sale, claim, e-mail…): a short stand-in, not a full day's.
        counted: Array.from({ length: 10 }, (_, i) => `t:txn_${store}_${day}_${i}`),
        updatedAt: new Date(),
        ...figures,
      });
      if (batch.length === 2_000) await flush();
    }
  }
  await flush();
  await db.collection('sales_rollup_marks').insertMany(
    Array.from({ length: DAYS }, (_, day) => ({
      _id: `${TENANT}|${dayOf(day)}`,
      tenantId: TENANT,
      day: dayOf(day),
      month: dayOf(day).slice(0, 7),
      markedAt: new Date(),
    })) as never[],
  );
  console.log(`\nKPI dashboard over ${DAYS} days × ${STORES} stores of one brand, database ${database.kind}`);
  line(`store-day rollups inserted (${DAYS * STORES})`, ms(started));
  // A year of trading's marks are hours old when anyone reads; marks younger than the replicas'
  // clock margin make the days summed right after them count as stale (summed again next read).
  await sleep(CLOCK_MARGIN_MS + 1_000);

  const brandYear = { tenantId: TENANT, from, to };
  started = performance.now();
  const first = await admin.kpis.salesDaily.query(brandYear);
  line('first brand read: every day summed from its stores', ms(started));
  if (first.total.figures.sales !== total.sales || first.days.length !== DAYS)
    throw new Error(
      `the brand's year is wrong: ${first.total.figures.sales} sales, ${first.days.length} days`,
    );

  // A new process (no connection, no JIT warmed up), with today still trading: its day marked.
  await service.stop();
  await sleep(1_000);
  await db
    .collection('sales_rollup_marks')
    .updateOne({ _id: `${TENANT}|${to}` as never }, { $set: { markedAt: new Date(Date.now() + 10_000) } });
  service = await startService();
  const fresh = clientAs(
    service.url,
    await issuer.sign({ sub: 'bench-admin', roles: ['admin'], tenants: ['*'] }),
  );
  started = performance.now();
  const cold = await fresh.kpis.salesDaily.query(brandYear);
  line('brand year, cold (new process, today summed again)', ms(started));
  if (cold.total.figures.sales !== total.sales) throw new Error('the cold read is wrong');

  const warm: number[] = [];
  for (let run = 0; run < WARM; run++) {
    started = performance.now();
    await fresh.kpis.salesDaily.query(brandYear);
    warm.push(performance.now() - started);
  }
  warm.sort((a, b) => a - b);
  line(`brand year, warm (median of ${WARM})`, `${warm[Math.floor(WARM / 2)]!.toFixed(0)} ms`);

  const manager = clientAs(
    service.url,
    await issuer.sign({
      sub: 'bench-manager',
      roles: ['store_manager'],
      tenants: [TENANT],
      stores: [storeId(7)],
    }),
  );
  const storeYear = { tenantId: TENANT, storeId: storeId(7), from, to };
  started = performance.now();
  const oneStore = await manager.kpis.salesDaily.query(storeYear);
  line("one store's year (store manager), first", ms(started));
  if (oneStore.days.length !== DAYS) throw new Error("the store's year is wrong");
  const storeWarm: number[] = [];
  for (let run = 0; run < WARM; run++) {
    started = performance.now();
    await manager.kpis.salesDaily.query(storeYear);
    storeWarm.push(performance.now() - started);
  }
  storeWarm.sort((a, b) => a - b);
  line(`one store's year, warm (median of ${WARM})`, `${storeWarm[Math.floor(WARM / 2)]!.toFixed(0)} ms`);
  const brandMonth = { tenantId: TENANT, from: dayOf(DAYS - 30), to };
  started = performance.now();
  await fresh.kpis.salesDaily.query(brandMonth);
  line('brand, last 30 days, warm', ms(started));
} finally {
  await connection?.close();
  await service?.stop();
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
