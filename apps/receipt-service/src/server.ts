import { auditLog, mountAuditExport } from '@scontrino/audit';
import type { StaffTokenVerifier } from '@scontrino/staff-access';
import {
  coreReadinessChecks,
  createRateLimits,
  createServiceApp,
  type Logger,
  type ServiceApp,
} from '@scontrino/service';
import type { BackloggedQueue, OutboxDispatcher } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import { registerReceiptPages } from './api/pages/index.js';
import { apiDocsRoutes } from './api/rest/api-docs.js';
import { TILL_RATE_LIMIT, transactionsRoute } from './api/rest/transactions-route.js';
import { createReceiptRouter } from './api/router.js';
import type { IngestDeps } from './api/transactions/record-transaction-command.js';
import type { EmailDeliveries } from './jobs/email-deliveries.js';
import { registerEmailMetrics } from './jobs/email-metrics.js';
import { claimRateLimitOf, occurredAtWindowOf, type ReceiptEnv } from './env.js';
import type { ReceiptCrypto } from './store/receipt-crypto.js';
import type { ReceiptStore } from './store/receipt-store.js';

export interface ReceiptServerDeps {
  env: Pick<ReceiptEnv, 'SERVICE_TOKEN' | 'REDIS_URL' | 'PUBLIC_URL'> &
    Partial<
      Pick<
        ReceiptEnv,
        | 'CORS_ORIGINS'
        | 'QUEUE_PREFIX'
        | 'OCCURRED_AT_MAX_AGE_DAYS'
        | 'OCCURRED_AT_MAX_LEAD_SECONDS'
        | 'TRUST_PROXY'
        | 'METRICS_TOKEN'
        | 'CLAIM_RATE_LIMIT'
        | 'CLAIM_RATE_WINDOW_SECONDS'
      >
    >;
  logger: Logger;
  database: Connection;
  /** Verifies staff tokens; without it every staff procedure answers 401. */
  staffTokens?: StaffTokenVerifier | null;
  /** From `openReceiptStore`, which has waited for the indexes idempotency relies on. */
  store: ReceiptStore;
  crypto: ReceiptCrypto;
  /** From `startReceiptJobs`: the outbox dispatcher and the email queue. */
  outbox: Pick<OutboxDispatcher, 'kick'>;
  emails: EmailDeliveries;
  /** The service's queues, counted by `system.backlog` (`QueueFactory.opened`). */
  queues?: () => Iterable<BackloggedQueue>;
  /** Requests per till key and window on `POST /v1/transactions`; default `TILL_RATE_LIMIT`. */
  tillRateLimit?: { windowMs: number; limit: number };
  clock?: () => Date;
}

/** The receipt service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createReceiptServer(deps: ReceiptServerDeps): ServiceApp {
  const { store, env, crypto } = deps;
  const clock = deps.clock ?? (() => new Date());
  const readiness = coreReadinessChecks(deps.database, env.REDIS_URL);
  const audit = auditLog(deps.database, 'receipt-service');
  const credentials = { serviceToken: env.SERVICE_TOKEN, staffTokens: deps.staffTokens ?? null };
  const ingest: IngestDeps = {
    store,
    publicUrl: env.PUBLIC_URL,
    clock,
    onRecorded: (written) => deps.outbox.kick('Transaction', [written]),
    occurredAtWindow: occurredAtWindowOf(env),
  };
  // Under the queue prefix, so that every replica (and only this deployment) shares the counts.
  const limits = createRateLimits({
    redisUrl: env.REDIS_URL,
    prefix: `${env.QUEUE_PREFIX ?? 'scontrino'}:`,
    logger: deps.logger,
  });
  const service = createServiceApp({
    logger: deps.logger,
    ...credentials,
    audit,
    tenants: store.tenants,
    rateLimits: limits,
    allowedOrigins: env.CORS_ORIGINS ?? [],
    trustProxy: env.TRUST_PROXY ?? [],
    metricsToken: env.METRICS_TOKEN,
    router: createReceiptRouter({
      readiness,
      backlog: {
        queues: deps.queues ?? (() => []),
        outboxes: store.outboxModels,
        clock,
      },
      store,
      ingest,
      emails: deps.emails,
      audit,
      // The rule REST's per-till middleware counts under: one budget per till for both.
      tillLimit: (keyId) => limits.take({ name: 'till', ...(deps.tillRateLimit ?? TILL_RATE_LIMIT) }, keyId),
    }),
    readiness,
    // Page tokens, claim codes and unsubscribe tokens are keys: never in the access log.
    secretPaths: [/^\/(r|c|u)\/[^/?]+/],
    routes: (app) => {
      app.use(apiDocsRoutes(env.PUBLIC_URL));
      mountAuditExport(app, { log: audit, credentials });
      app.use(
        transactionsRoute({
          ...ingest,
          terminalKeys: store.terminalKeys,
          limits,
          ...(deps.tillRateLimit && { tillRateLimit: deps.tillRateLimit }),
        }),
      );
      registerReceiptPages(app, {
        findReceiptByToken: (token) => store.receipts.findReceiptByToken(token),
        findReceiptByClaimCode: (code) => store.receipts.findReceiptByClaimCode(code),
        publicUrl: env.PUBLIC_URL,
        claim: {
          findClaimTarget: (code) => store.receipts.findClaimTarget(code),
          claims: store.claims,
          emailPreferences: store.emailPreferences,
          crypto,
          clock,
          onClaimed: (claimId) => deps.outbox.kick('ReceiptClaim', [claimId]),
          limits,
          serviceToken: env.SERVICE_TOKEN,
          rateLimit: claimRateLimitOf(env),
        },
        unsubscribe: {
          unsubscribeKey: crypto.unsubscribeKey,
          emailPreferences: store.emailPreferences,
          clock,
        },
      });
    },
  });
  registerEmailMetrics(service.metrics, deps.emails);
  return service;
}
