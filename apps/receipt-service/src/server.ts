import { coreReadinessChecks, createServiceApp, type Logger, type ServiceApp } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { createReceiptRouter } from './api/router.js';
import type { ReceiptEnv } from './env.js';

export interface ReceiptServerDeps {
  env: Pick<ReceiptEnv, 'SERVICE_TOKEN' | 'REDIS_URL'>;
  logger: Logger;
  database: Connection;
}

/** The receipt service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createReceiptServer(deps: ReceiptServerDeps): ServiceApp {
  const readiness = coreReadinessChecks(deps.database, deps.env.REDIS_URL);
  return createServiceApp({
    logger: deps.logger,
    serviceToken: deps.env.SERVICE_TOKEN,
    router: createReceiptRouter({ readiness }),
    readiness,
  });
}
