import { coreReadinessChecks, createServiceApp, type Logger, type ServiceApp } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { createReconciliationRouter } from './api/router.js';
import type { ReconciliationEnv } from './env.js';

export interface ReconciliationServerDeps {
  env: Pick<ReconciliationEnv, 'SERVICE_TOKEN' | 'REDIS_URL'>;
  logger: Logger;
  database: Connection;
}

/** The reconciliation service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createReconciliationServer(deps: ReconciliationServerDeps): ServiceApp {
  const readiness = coreReadinessChecks(deps.database, deps.env.REDIS_URL);
  return createServiceApp({
    logger: deps.logger,
    serviceToken: deps.env.SERVICE_TOKEN,
    router: createReconciliationRouter({ readiness }),
    readiness,
  });
}
