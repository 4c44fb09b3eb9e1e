import { defineService, type ServerDeps, type ServiceApp } from '@scontrino/service';
import type { BackloggedQueue, OutboxDispatcher } from '@scontrino/queue';
import { registerReceiptPages } from './api/pages/index.js';
import { receiptApiDocument } from './api/rest/openapi.js';
import { TILL_RATE_LIMIT, transactionsRoute } from './api/rest/transactions-route.js';
import { createReceiptRouter } from './api/router.js';
import type { IngestDeps } from './use-cases/record-transaction.js';
import type { EmailDeliveries } from './jobs/email-deliveries.js';
import { registerEmailMetrics } from './jobs/email-metrics.js';
import { claimRateLimitOf, loadReceiptEnv, occurredAtWindowOf, type ReceiptEnv } from './env.js';
import type { ReceiptCrypto } from './store/receipt-crypto.js';
import type { ReceiptStore } from './store/receipt-store.js';

export interface ReceiptServerDeps extends ServerDeps {
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

/** What the tRPC router and the REST routes record sales with. */
function ingestOf(deps: ReceiptServerDeps): IngestDeps {
  return {
    store: deps.store,
    publicUrl: deps.env.PUBLIC_URL,
    clock: clockOf(deps),
    onRecorded: (written) => deps.outbox.kick('Transaction', [written]),
    occurredAtWindow: occurredAtWindowOf(deps.env),
  };
}

const clockOf = (deps: ReceiptServerDeps) => deps.clock ?? (() => new Date());

/** The receipt service: its env, router, the till's REST route, receipt pages, e-mail metrics. */
export const receiptService = defineService<ReceiptEnv, ReceiptServerDeps>({
  name: 'receipt-service',
  loadEnv: () => loadReceiptEnv(),
  apiDocument: (deps) => receiptApiDocument(deps.env.PUBLIC_URL),
  // The registry is this service's own: every call naming a tenant checks it, cached.
  tenants: (deps) => deps.store.tenants,
  router: (deps, { readiness, audit, limits }) =>
    createReceiptRouter({
      readiness,
      backlog: {
        queues: deps.queues ?? (() => []),
        outboxes: deps.store.outboxModels,
        clock: clockOf(deps),
      },
      store: deps.store,
      ingest: ingestOf(deps),
      emails: deps.emails,
      audit,
      // The rule REST's per-till middleware counts under: one budget per till for both.
      tillLimit: (keyId) => limits.take({ name: 'till', ...(deps.tillRateLimit ?? TILL_RATE_LIMIT) }, keyId),
    }),
  // Page tokens, claim codes and unsubscribe tokens are keys: never in the access log.
  secretPaths: [/^\/(r|c|u)\/[^/?]+/],
  routes: (app, deps, { limits }) => {
    const { store, env, crypto } = deps;
    const clock = clockOf(deps);
    app.use(
      transactionsRoute({
        ...ingestOf(deps),
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
        rollups: store.salesRollups,
        clock,
      },
    });
  },
  metrics: (service, deps) => registerEmailMetrics(service.metrics, deps.emails),
});

/** The receipt service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export const createReceiptServer = (deps: ReceiptServerDeps): ServiceApp => receiptService.createServer(deps);
