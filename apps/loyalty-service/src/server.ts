import type { BackloggedQueue } from '@scontrino/queue';
import { loyaltyOutboxModels } from './store/outbox-models.js';
import { defineService, type RateLimitRule, type ServerDeps, type ServiceApp } from '@scontrino/service';
import { redemptionCommands } from './api/redemptions/redemption-commands.js';
import { loyaltyApiDocument } from './api/rest/openapi.js';
import { memberRoutes } from './api/rest/member-routes.js';
import { redemptionRoutes } from './api/rest/redemption-routes.js';
import { createLoyaltyRouter } from './api/router.js';
import type { ReceiptsClient } from './clients/receipt-service.js';
import type { TillKeys } from './clients/terminal-keys.js';
import { SIGN_IN_ATTEMPT_LIMITS, SIGN_IN_CODE_LIMITS } from './domain/auth/sign-in-limits.js';
import { loadLoyaltyEnv, type LoyaltyEnv } from './env.js';
import { registerLedgerMetrics } from './ledger-metrics.js';
import type { Mailer } from '@scontrino/mail';
import { clientAddressLimit } from './sign-in-rate-limit.js';
import type { LoyaltyDeps } from './use-cases/loyalty-deps.js';

export interface LoyaltyServerDeps extends ServerDeps {
  env: Pick<LoyaltyEnv, 'SERVICE_TOKEN' | 'REDIS_URL' | 'MEMBER_TOKEN_TTL_MINUTES'> &
    Partial<
      Pick<LoyaltyEnv, 'CORS_ORIGINS' | 'QUEUE_PREFIX' | 'PUBLIC_URL' | 'TRUST_PROXY' | 'METRICS_TOKEN'>
    >;
  /** From `openLoyaltyDeps`, which has waited for the indexes idempotency relies on. */
  loyalty: LoyaltyDeps;
  mailer: Mailer;
  receipts: ReceiptsClient;
  /** Verifies tills' terminal keys on `/v1/redemptions/*` (records from the receipt service). */
  tillKeys: TillKeys;
  /** The service's queues (`QueueFactory.opened`), counted by `system.backlog`. */
  queues?: () => Iterable<BackloggedQueue>;
  /** Tests change the per-IP limits of `auth.requestCode` with `auth.join`, and of `auth.signIn`. */
  signInCodeIpLimit?: RateLimitRule;
  signInAttemptIpLimit?: RateLimitRule;
}

/** The loyalty service: its env, router, REST routes and docs, and ledger metrics. */
export const loyaltyService = defineService<LoyaltyEnv, LoyaltyServerDeps>({
  name: 'loyalty-service',
  loadEnv: () => loadLoyaltyEnv(),
  apiDocument: (deps) => loyaltyApiDocument(deps.env.PUBLIC_URL),
  router: (deps, { readiness, audit, limits }) =>
    createLoyaltyRouter({
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
      // The loyalty app forwards its members' calls with their own addresses (TRUST_PROXY), for
      // these per-IP limits.
      signInIpLimits: {
        codes: clientAddressLimit(limits, deps.signInCodeIpLimit ?? SIGN_IN_CODE_LIMITS.perIp),
        attempts: clientAddressLimit(limits, deps.signInAttemptIpLimit ?? SIGN_IN_ATTEMPT_LIMITS.perIp),
      },
      receipts: deps.receipts,
      audit,
    }),
  routes: (app, deps) => {
    app.use(redemptionRoutes(redemptionCommands(deps.loyalty), deps.tillKeys));
    app.use(memberRoutes(deps.loyalty, deps.tillKeys));
  },
  metrics: (service, deps) => registerLedgerMetrics(service.metrics, deps.loyalty.store.ledger),
});

/** The loyalty service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export const createLoyaltyServer = (deps: LoyaltyServerDeps): ServiceApp => loyaltyService.createServer(deps);
