import { auditLog, mountAuditExport } from '@scontrino/audit';
import type { StaffTokenVerifier } from '@scontrino/staff-access';
import { coreReadinessChecks, createServiceApp, type Logger, type ServiceApp } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { redemptionCommands } from './api/redemptions/redemption-commands.js';
import { redemptionRoutes } from './api/rest/redemption-routes.js';
import { createLoyaltyRouter } from './api/router.js';
import type { ReceiptsClient } from './clients/receipt-service.js';
import type { LoyaltyEnv } from './env.js';
import type { Mailer } from './mail/mailer.js';
import type { LoyaltyDeps } from './use-cases/loyalty-deps.js';

export interface LoyaltyServerDeps {
  env: Pick<LoyaltyEnv, 'SERVICE_TOKEN' | 'REDIS_URL' | 'MEMBER_TOKEN_TTL_MINUTES'> &
    Partial<Pick<LoyaltyEnv, 'CORS_ORIGINS'>>;
  logger: Logger;
  database: Connection;
  /** Verifies staff tokens; without it every staff procedure answers 401. */
  staffTokens?: StaffTokenVerifier | null;
  /** From `openLoyaltyDeps`, which has waited for the indexes idempotency relies on. */
  loyalty: LoyaltyDeps;
  mailer: Mailer;
  receipts: ReceiptsClient;
}

/** The loyalty service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createLoyaltyServer(deps: LoyaltyServerDeps): ServiceApp {
  const readiness = coreReadinessChecks(deps.database, deps.env.REDIS_URL);
  const audit = auditLog(deps.database, 'loyalty-service');
  const credentials = { serviceToken: deps.env.SERVICE_TOKEN, staffTokens: deps.staffTokens ?? null };
  return createServiceApp({
    logger: deps.logger,
    ...credentials,
    audit,
    allowedOrigins: deps.env.CORS_ORIGINS ?? [],
    router: createLoyaltyRouter({
      readiness,
      loyalty: deps.loyalty,
      signIn: {
        ...deps.loyalty,
        mailer: deps.mailer,
        logger: deps.logger.child({ area: 'sign-in' }),
        sessionMinutes: deps.env.MEMBER_TOKEN_TTL_MINUTES,
      },
      receipts: deps.receipts,
      audit,
    }),
    readiness,
    routes: (app) => {
      mountAuditExport(app, { log: audit, credentials });
      app.use(redemptionRoutes(redemptionCommands(deps.loyalty), deps.env.SERVICE_TOKEN));
    },
  });
}
