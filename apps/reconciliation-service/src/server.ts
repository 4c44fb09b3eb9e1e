import { auditLog, mountAuditExport } from '@scontrino/audit';
import { erasureOutcomes } from '@scontrino/db';
import {
  apiDocsRoutes,
  coreReadinessChecks,
  createServiceApp,
  type Logger,
  type ServiceApp,
} from '@scontrino/service';
import { inboxQueueName, type QueueFactory } from '@scontrino/queue';
import type { StaffTokenVerifier } from '@scontrino/staff-access';
import type { TenantCheck } from '@scontrino/trpc';
import type { Connection } from 'mongoose';
import { reconciliationApiDocument } from './api/orders/openapi.js';
import { onlineOrdersRoute } from './api/orders/orders-route.js';
import { createReconciliationRouter } from './api/router.js';
import type { PrivacyPeers } from './clients/privacy-peers.js';
import type { WebShopKeys } from './clients/shop-keys.js';
import type { ReconciliationEnv } from './env.js';
import type { GraphDeps } from './linking/graph-deps.js';
import { linkingLag } from './store/linking-lag.js';
import { createRfmCache } from './views/rfm-cache.js';

export interface ReconciliationServerDeps {
  env: Pick<ReconciliationEnv, 'SERVICE_TOKEN' | 'REDIS_URL'> &
    Partial<Pick<ReconciliationEnv, 'CORS_ORIGINS' | 'PUBLIC_URL' | 'TRUST_PROXY' | 'METRICS_TOKEN'>>;
  logger: Logger;
  database: Connection;
  /** From `startReconciliationJobs`: the store, keys, graph lock, and the outbox kick. */
  graph: GraphDeps;
  /** Verifies staff tokens; without it every staff procedure (data-subject requests) answers 401. */
  staffTokens?: StaffTokenVerifier | null;
  /** The loyalty and receipt services, asked by data-subject requests. */
  privacyPeers: PrivacyPeers;
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

/** The reconciliation service's HTTP app, not listening: `start.ts` and tests decide where it runs. */
export function createReconciliationServer(deps: ReconciliationServerDeps): ServiceApp {
  const { graph, queues } = deps;
  const readiness = coreReadinessChecks(deps.database, deps.env.REDIS_URL);
  const audit = auditLog(deps.database, 'reconciliation-service');
  const credentials = { serviceToken: deps.env.SERVICE_TOKEN, staffTokens: deps.staffTokens ?? null };
  return createServiceApp({
    logger: deps.logger,
    ...credentials,
    audit,
    ...(deps.tenants && { tenants: deps.tenants }),
    allowedOrigins: deps.env.CORS_ORIGINS ?? [],
    trustProxy: deps.env.TRUST_PROXY ?? [],
    metricsToken: deps.env.METRICS_TOKEN,
    router: createReconciliationRouter({
      readiness,
      graph,
      rfm: createRfmCache(graph.store, graph.clock),
      privacy: { peers: deps.privacyPeers, outcomes: erasureOutcomes(deps.database) },
      audit,
      backlog: {
        queues: () => queues?.opened?.() ?? [],
        outboxes: graph.store.outboxModels,
        clock: graph.clock,
        ...(queues && {
          linking: (now: Date) =>
            linkingLag(deps.database, queues.queue(inboxQueueName('reconciliation-service')), now),
        }),
      },
    }),
    readiness,
    routes: (app) => {
      app.use(apiDocsRoutes(reconciliationApiDocument(deps.env.PUBLIC_URL)));
      mountAuditExport(app, { log: audit, credentials });
      app.use(onlineOrdersRoute(graph, deps.shopKeys));
    },
  });
}
