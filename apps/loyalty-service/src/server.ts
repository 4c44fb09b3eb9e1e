import type { BackloggedQueue } from '@scontrino/queue';
import { loyaltyOutboxModels } from './store/outbox-models.js';
import { auditLog, mountAuditExport } from '@scontrino/audit';
import type { StaffTokenVerifier } from '@scontrino/staff-access';
import {
  apiDocsRoutes,
  coreReadinessChecks,
  createRateLimits,
  createServiceApp,
  type Logger,
  type RateLimitRule,
  type ServiceApp,
} from '@scontrino/service';
import type { Connection } from 'mongoose';
import { redemptionCommands } from './api/redemptions/redemption-commands.js';
import { loyaltyApiDocument } from './api/rest/openapi.js';
import { memberRoutes } from './api/rest/member-routes.js';
import { redemptionRoutes } from './api/rest/redemption-routes.js';
import { createLoyaltyRouter } from './api/router.js';
import type { ReceiptsClient } from './clients/receipt-service.js';
import type { TillKeys } from './clients/terminal-keys.js';
import { SIGN_IN_ATTEMPT_LIMITS, SIGN_IN_CODE_LIMITS } from './domain/auth/sign-in-limits.js';
import type { LoyaltyEnv } from './env.js';
import { registerLedgerMetrics } from './ledger-metrics.js';
import type { Mailer } from './mail/mailer.js';
import { clientAddressLimit } from './sign-in-rate-limit.js';
import type { LoyaltyDeps } from './use-cases/loyalty-deps.js';
import type { TenantCheck } from '@scontrino/trpc';

export interface LoyaltyServerDeps {
  env: Pick<LoyaltyEnv, 'SERVICE_TOKEN' | 'REDIS_URL' | 'MEMBER_TOKEN_TTL_MINUTES'> &
    Partial<
      Pick<LoyaltyEnv, 'CORS_ORIGINS' | 'QUEUE_PREFIX' | 'PUBLIC_URL' | 'TRUST_PROXY' | 'METRICS_TOKEN'>
    >;
  logger: Logger;
  database: Connection;
  /** Verifies staff tokens; without it every staff procedure answers 401. */
  staffTokens?: StaffTokenVerifier | null;
  /** From `openLoyaltyDeps`, which has waited for the indexes idempotency relies on. */
  loyalty: LoyaltyDeps;
  mailer: Mailer;
  receipts: ReceiptsClient;
  /** Verifies tills' terminal keys on `/v1/redemptions/*` (records from the receipt service). */
  tillKeys: TillKeys;
  /**
   * The tenants that exist (the receipt service's registry, cached): a procedure naming an
   * unknown `tenantId` is a 404 `tenant.unknown`. Absent: not checked (tests without a receipt service).
   */
  tenants?: TenantCheck;
  /** The service's queues (`QueueFactory.opened`), counted by `system.backlog`. */
  queues?: () => Iterable<BackloggedQueue>;
  /** Tests change the per-IP limits of `auth.requestCode` with `auth.join`, and of `auth.signIn`. */
  signInCodeIpLimit?: RateLimitRule;
  signInAttemptIpLimit?: RateLimitRule;
}

/** The loyalty service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createLoyaltyServer(deps: LoyaltyServerDeps): ServiceApp {
  const readiness = coreReadinessChecks(deps.database, deps.env.REDIS_URL);
  const audit = auditLog(deps.database, 'loyalty-service');
  const credentials = { serviceToken: deps.env.SERVICE_TOKEN, staffTokens: deps.staffTokens ?? null };
  // Under the queue prefix, so that every replica (and only this deployment) shares the counts.
  const limits = createRateLimits({
    redisUrl: deps.env.REDIS_URL,
    prefix: `${deps.env.QUEUE_PREFIX ?? 'scontrino'}:`,
    logger: deps.logger,
  });
  const service = createServiceApp({
    logger: deps.logger,
    ...credentials,
    audit,
    ...(deps.tenants && { tenants: deps.tenants }),
    rateLimits: limits,
    allowedOrigins: deps.env.CORS_ORIGINS ?? [],
    // The loyalty app forwards its members' calls: their own addresses, for the per-IP limits.
    trustProxy: deps.env.TRUST_PROXY ?? [],
    metricsToken: deps.env.METRICS_TOKEN,
    router: createLoyaltyRouter({
      readiness,
      backlog: { queues: deps.queues ?? (() => []), outboxes: loyaltyOutboxModels(deps.database) },
      loyalty: deps.loyalty,
      signIn: {
        ...deps.loyalty,
        mailer: deps.mailer,
        logger: deps.logger.child({ area: 'sign-in' }),
        sessionMinutes: deps.env.MEMBER_TOKEN_TTL_MINUTES,
        // Keyed by the address's keyed hash: no address in clear in Redis.
        addressLimits: {
          allowCode: (tenantId, emailHash) =>
            limits.take(SIGN_IN_CODE_LIMITS.perAddress, `${tenantId}:${emailHash}`),
          takeAttempt: (tenantId, emailHash) =>
            limits.take(SIGN_IN_ATTEMPT_LIMITS.perAddress, `${tenantId}:${emailHash}`),
          giveBackAttempt: (tenantId, emailHash) =>
            limits.giveBack(SIGN_IN_ATTEMPT_LIMITS.perAddress, `${tenantId}:${emailHash}`),
        },
      },
      signInIpLimits: {
        codes: clientAddressLimit(limits, deps.signInCodeIpLimit ?? SIGN_IN_CODE_LIMITS.perIp),
        attempts: clientAddressLimit(limits, deps.signInAttemptIpLimit ?? SIGN_IN_ATTEMPT_LIMITS.perIp),
      },
      receipts: deps.receipts,
      audit,
    }),
    readiness,
    routes: (app) => {
      app.use(apiDocsRoutes(loyaltyApiDocument(deps.env.PUBLIC_URL)));
      mountAuditExport(app, { log: audit, credentials });
      app.use(redemptionRoutes(redemptionCommands(deps.loyalty), deps.tillKeys));
      app.use(memberRoutes(deps.loyalty, deps.tillKeys));
    },
  });
  registerLedgerMetrics(service.metrics, deps.loyalty.store.ledger);
  return service;
}
