import { closeDatabase, connectDatabase } from '@scontrino/db';
import { listen, type RunningService } from '@scontrino/service';
import { startDatabase, startRedis, tempDir, testDatabaseUri, testStack } from '@scontrino/testing';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ReceiptRouter } from './api/router.js';
import { createReceiptServer } from './server.js';
import { receiptCrypto } from './store/receipt-crypto.js';
import { openReceiptStore } from './store/receipt-store.js';
import { TEST_PUBLIC_URL, TEST_SERVICE_TOKEN as SERVICE_TOKEN } from './test-support/receipt-service.js';

const logger = pino({ level: 'silent' });
const key = Buffer.alloc(32, 7).toString('base64');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startReceiptService(mongoUri: string, redisUrl: string): Promise<RunningService> {
  const database: Connection = await connectDatabase({ uri: mongoUri, logger, retry: { attempts: 3 } });
  const crypto = receiptCrypto({ CRYPTO_KEYS: { '1': key }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY: key });
  const store = await openReceiptStore(database, { crypto, publicUrl: TEST_PUBLIC_URL });
  const service = createReceiptServer({
    env: { SERVICE_TOKEN, REDIS_URL: redisUrl, PUBLIC_URL: TEST_PUBLIC_URL },
    logger,
    database,
    store,
    crypto,
    outbox: { kick: () => undefined },
    emails: {
      enqueue: () => Promise.reject(new Error('no email queue in this test')),
      enqueueAll: () => Promise.reject(new Error('no email queue in this test')),
      loyaltyTold: () => Promise.reject(new Error('no email queue in this test')),
      onOutcome: () => undefined,
      report: () => undefined,
    },
  });
  const running = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
  cleanups.push(async () => {
    await running.shutdown('test over');
    await closeDatabase(database);
  });
  return running;
}
const client = (url: string, token?: string) =>
  createTRPCClient<ReceiptRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });

const readiness = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
};

describe('receipt service on the real stack', () => {
  it('when the database and Redis answer, then it is ready and reports its dependencies to other services', async () => {
    const { url } = await startReceiptService(testDatabaseUri('receipt'), testStack().redisUrl);
    expect(await readiness(url)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'up', redis: 'up' } },
    });

    const status = await client(url, SERVICE_TOKEN).system.status.query();
    expect(status.service).toBe('receipt-service');
    expect(status.dependencies).toEqual({ database: 'up', redis: 'up' });

    const refused = await client(url)
      .system.status.query()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<ReceiptRouter>).data?.httpStatus).toBe(401);
  });
});

describe('readiness follows the dependencies', () => {
  const servers: { stop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  it('when Redis stops, then /readyz is 503 naming it, and 200 again once it is back', async () => {
    const redis = await startRedis({ dataDir: await tempDir('receipt-redis') });
    servers.push(redis);
    const { url } = await startReceiptService(testDatabaseUri('receipt'), redis.url);
    expect((await readiness(url)).status).toBe(200);

    await redis.stop();
    expect(await readiness(url)).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'up', redis: 'down' } },
    });

    await redis.restart();
    await expect
      .poll(async () => (await readiness(url)).status, { timeout: 15_000, interval: 250 })
      .toBe(200);
  });

  it('when the database stops, then /readyz is 503 naming it, and 200 again once it is back', async (context) => {
    const database = await startDatabase({ dataDir: await tempDir('receipt-db') });
    servers.push(database);
    if (database.kind === 'external')
      context.skip('MONGODB_URI points at a database these tests cannot stop');
    const { url } = await startReceiptService(`${database.url}/scontrino_receipt`, testStack().redisUrl);
    expect((await readiness(url)).status).toBe(200);

    await database.stop();
    expect(await readiness(url)).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'down', redis: 'up' } },
    });

    await database.restart();
    await expect
      .poll(async () => (await readiness(url)).status, { timeout: 30_000, interval: 250 })
      .toBe(200);
    // Two database starts and a reconnect: more than the default on a loaded 2-core machine.
  }, 90_000);
});
