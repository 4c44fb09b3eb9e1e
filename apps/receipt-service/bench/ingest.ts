/**
 * Ingest benchmark: how many POS sales per second the receipt service accepts (validated, stored
 * with receipt and outbox event, answered 201), against the same documents inserted raw through
 * the driver. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/receipt-service bench [-- --connections 10 --seconds 15]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDatabase, startRedis } from '@scontrino/stack';
import { createTRPCClient, httpLink } from '@trpc/client';
import autocannon from 'autocannon';
import getPort from 'get-port';
import mongoose from 'mongoose';
import type { ReceiptRouter } from '../src/api/router.js';
import { benchmarkSale } from './sale.js';

const { values } = parseArgs({
  // `pnpm bench -- --seconds 5` passes the `--` along.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const SERVICE_TOKEN = 'benchmark-service-token-000000000000000';
const STORE = 'MI-001';

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-bench-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const redis = await startRedis({ dataDir: join(dataDir, 'redis') });
const port = await getPort();
const url = `http://127.0.0.1:${port}`;
const service = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env: {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    PUBLIC_URL: url,
    MONGODB_URI: `${database.url}/bench_receipt`,
    REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    SERVICE_TOKEN,
    CRYPTO_KEYS: JSON.stringify({ '1': Buffer.alloc(32, 7).toString('base64') }),
    CRYPTO_ACTIVE_KEY: '1',
    LOOKUP_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

try {
  while (
    (await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    )) !== 200
  )
    await sleep(200);
  const admin = createTRPCClient<ReceiptRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${SERVICE_TOKEN}` } })],
  });
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
  const { key } = await admin.terminals.issueKey.mutate({ storeId: STORE, terminalId: 'T03' });

  let sequence = 0;
  const result = await autocannon({
    url: `${url}/v1/transactions`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    setupClient: (client) => {
      client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${key}` });
    },
    requests: [
      {
        setupRequest: (request) => {
          sequence += 1;
          const body = JSON.stringify(benchmarkSale(STORE, sequence, sequence % 2 === 0));
          return {
            ...request,
            body,
            headers: { ...request.headers, 'idempotency-key': `bench-${sequence}` },
          };
        },
      },
    ],
  });
  const accepted = result['2xx'];
  const serviceRate = accepted / seconds;

  // The same number of documents of the same size, inserted by the driver with the same concurrency.
  const raw = await mongoose.createConnection(`${database.url}/bench_raw`).asPromise();
  const collection = raw.collection('transactions');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < accepted) {
        next += 1;
        await collection.insertOne({
          payload: benchmarkSale(STORE, next, next % 2 === 0),
          receivedAt: new Date(),
        });
      }
    }),
  );
  const rawRate = accepted / ((performance.now() - started) / 1000);
  await raw.close();

  const line = (label: string, value: string) => console.log(`${label.padEnd(34)}${value}`);
  console.log(
    `\nreceipt-service ingest, ${connections} connections, ${seconds} s, database ${database.kind}`,
  );
  line('accepted sales (201)', String(accepted));
  line('other answers', String(result.non2xx));
  line('errors / timeouts', `${result.errors} / ${result.timeouts}`);
  line('accepted sales per second', serviceRate.toFixed(1));
  line('latency p50 / p99 (ms)', `${result.latency.p50} / ${result.latency.p99}`);
  line('raw driver inserts per second', rawRate.toFixed(1));
  line('service / raw', `${((serviceRate / rawRate) * 100).toFixed(1)} %`);
} finally {
  service.kill('SIGTERM');
  await new Promise((resolve) => service.once('exit', resolve));
  await redis.stop();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
