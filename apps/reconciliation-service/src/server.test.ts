import { closeDatabase, connectDatabase } from '@scontrino/db';
import { listen } from '@scontrino/service';
import { testDatabaseUri, testStack } from '@scontrino/testing';
// The types-only entry other services and clients use: nothing of the implementation is imported.
import type { ReconciliationRouter } from '@scontrino/reconciliation-service/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { createReconciliationServer } from './server.js';

it('when started on the real database and Redis, then it is ready and answers typed tRPC calls from services', async () => {
  const logger = pino({ level: 'silent' });
  const SERVICE_TOKEN = 'reconciliation-test-service-token-0000000000000';
  const database = await connectDatabase({
    uri: testDatabaseUri('reconciliation'),
    logger,
    retry: { attempts: 3 },
  });
  const service = createReconciliationServer({
    env: { SERVICE_TOKEN, REDIS_URL: testStack().redisUrl },
    logger,
    database,
  });
  const { url, shutdown } = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
  try {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const client = createTRPCClient<ReconciliationRouter>({
      links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${SERVICE_TOKEN}` } })],
    });
    const status = await client.system.status.query();
    expect(status).toMatchObject({
      service: 'reconciliation-service',
      dependencies: { database: 'up', redis: 'up' },
    });
  } finally {
    await shutdown('test over');
    await closeDatabase(database);
  }
});
