import { erasureOutcomes } from '@scontrino/db';
import { defineService, type ServerDeps, type ServiceApp } from '@scontrino/service';
import { inboxQueueName, type QueueFactory } from '@scontrino/queue';
import type { TenantCheck } from '@scontrino/trpc';
import { reconciliationApiDocument } from './api/orders/openapi.js';
import { onlineOrdersRoute } from './api/orders/orders-route.js';
import { createReconciliationRouter } from './api/router.js';
import type { MarketingConsents } from './clients/marketing-consents.js';
import type { PrivacyPeers } from './clients/privacy-peers.js';
import type { TillQuality } from './clients/till-quality.js';
import type { WebShopKeys } from './clients/shop-keys.js';
import { loadReconciliationEnv, type ReconciliationEnv } from './env.js';
import type { GraphDeps } from './use-cases/linking/graph-deps.js';
import { linkingLag } from './store/linking-lag.js';
import { createRfmCache } from './use-cases/views/rfm-cache.js';

export interface ReconciliationServerDeps extends ServerDeps {
  env: Pick<ReconciliationEnv, 'SERVICE_TOKEN' | 'REDIS_URL'> &
    Partial<Pick<ReconciliationEnv, 'CORS_ORIGINS' | 'PUBLIC_URL' | 'TRUST_PROXY' | 'METRICS_TOKEN'>>;
  /** From `startReconciliationJobs`: the store, keys, graph lock, and the outbox kick. */
  graph: GraphDeps;
  /** The loyalty and receipt services, asked by data-subject requests. */
  privacyPeers: PrivacyPeers;
  /** The loyalty service, asked for marketing consent by segment exports (absent: exports answer 503). */
  consents?: MarketingConsents;
  /** The receipt service's till data quality, for the weekly audit report's page. */
  till?: TillQuality;
  /** Verifies web shops' keys on `POST /v1/online-orders` (records from the receipt service). */
  shopKeys: WebShopKeys;
  /**
   * The tenants that exist (the receipt service's registry, cached): a procedure naming an
   * unknown `tenantId` is a 404 `tenant.unknown`. Absent: not checked (tests without a receipt service).
   */
  tenants?: TenantCheck;
  /** The service's queues (`QueueFactory.opened`), for `system.backlog`; its inbox for the linking lag. */
  queues?: Pick<QueueFactory, 'queue' | 'opened'>;
}

/** The reconciliation service: its env, router, the web-orders route and its docs. */
export const reconciliationService = defineService<ReconciliationEnv, ReconciliationServerDeps>({
  name: 'reconciliation-service',
  loadEnv: () => loadReconciliationEnv(),
  apiDocument: (deps) => reconciliationApiDocument(deps.env.PUBLIC_URL),
  router: ({ graph, queues, database, privacyPeers, consents, till }, { readiness, audit }) =>
    createReconciliationRouter({
      readiness,
      graph,
      rfm: createRfmCache(graph.store, graph.clock),
      privacy: { peers: privacyPeers, outcomes: erasureOutcomes(database) },
      ...(consents && { consents }),
      ...(till && { till }),
      audit,
      backlog: {
        queues: () => queues?.opened?.() ?? [],
        outboxes: graph.store.outboxModels,
        clock: graph.clock,
        ...(queues && {
          linking: (now: Date) =>
            linkingLag(database, queues.queue(inboxQueueName('reconciliation-service')), now),
        }),
      },
    }),
  routes: (app, deps) => {
    app.use(onlineOrdersRoute(deps.graph, deps.shopKeys));
  },
});

/** The reconciliation service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export const createReconciliationServer = (deps: ReconciliationServerDeps): ServiceApp =>
  reconciliationService.createServer(deps);
