import { coreReadinessChecks, createServiceApp, type Logger, type ServiceApp } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { createLoyaltyRouter } from './api/router.js';
import type { LoyaltyEnv } from './env.js';

export interface LoyaltyServerDeps {
  env: Pick<LoyaltyEnv, 'SERVICE_TOKEN' | 'REDIS_URL'>;
  logger: Logger;
  database: Connection;
}

/** The loyalty service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createLoyaltyServer(deps: LoyaltyServerDeps): ServiceApp {
  const readiness = coreReadinessChecks(deps.database, deps.env.REDIS_URL);
  return createServiceApp({
    logger: deps.logger,
    serviceToken: deps.env.SERVICE_TOKEN,
    router: createLoyaltyRouter({ readiness }),
    readiness,
  });
}
