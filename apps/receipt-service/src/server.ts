import { coreReadinessChecks, createServiceApp, type Logger, type ServiceApp } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { registerReceiptPages } from './api/pages/index.js';
import { apiDocsRoutes } from './api/rest/api-docs.js';
import { transactionsRoute } from './api/rest/transactions-route.js';
import { createReceiptRouter } from './api/router.js';
import type { IngestDeps } from './api/transactions/record-transaction-command.js';
import type { ReceiptEnv } from './env.js';
import type { ReceiptStore } from './store/receipt-store.js';

export interface ReceiptServerDeps {
  env: Pick<ReceiptEnv, 'SERVICE_TOKEN' | 'REDIS_URL' | 'PUBLIC_URL'>;
  logger: Logger;
  database: Connection;
  /** From `openReceiptStore`, which has waited for the indexes idempotency relies on. */
  store: ReceiptStore;
  /** The outbox dispatcher (`startReceiptJobs(...).outbox`). */
  outbox: { kick(): void };
  clock?: () => Date;
}

/** The receipt service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createReceiptServer(deps: ReceiptServerDeps): ServiceApp {
  const { store, env } = deps;
  const readiness = coreReadinessChecks(deps.database, env.REDIS_URL);
  const ingest: IngestDeps = {
    store,
    publicUrl: env.PUBLIC_URL,
    clock: deps.clock ?? (() => new Date()),
    onRecorded: () => deps.outbox.kick(),
  };
  return createServiceApp({
    logger: deps.logger,
    serviceToken: env.SERVICE_TOKEN,
    router: createReceiptRouter({ readiness, store, ingest }),
    readiness,
    routes: (app) => {
      app.use(apiDocsRoutes(env.PUBLIC_URL));
      app.use(transactionsRoute({ ...ingest, terminalKeys: store.terminalKeys }));
      registerReceiptPages(app, {
        findReceiptByToken: (token) => store.receipts.findReceiptByToken(token),
        findReceiptByClaimCode: (code) => store.receipts.findReceiptByClaimCode(code),
        publicUrl: env.PUBLIC_URL,
      });
    },
  });
}
