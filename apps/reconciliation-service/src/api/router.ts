import { type AuditLog, createAuditRouter } from '@scontrino/audit';
import { type BacklogSources, createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';
import type { ApiDeps } from './api-deps.js';
import { createKpisRouter } from './kpis/router.js';
import { createObservationsRouter } from './observations/router.js';
import { createOrdersRouter } from './orders/router.js';
import { createPrivacyRouter } from './privacy/router.js';
import { createProfilesRouter } from './profiles/router.js';
import { createQualityRouter } from './quality/router.js';
import { createSegmentsRouter } from './segments/router.js';
import { createSettingsRouter } from './settings/router.js';
import { createStaffRouters } from './staff/router.js';
import { createSuggestionsRouter } from './suggestions/router.js';

export interface ReconciliationRouterDeps extends ApiDeps {
  readiness: readonly ReadinessCheck[];
  audit: AuditLog;
  /** Where `system.backlog` counts: queues, outboxes and the linking lag. */
  backlog?: BacklogSources;
}

export function createReconciliationRouter(deps: ReconciliationRouterDeps) {
  return router({
    system: createSystemRouter('reconciliation-service', deps.readiness, deps.backlog),
    orders: createOrdersRouter(deps.graph),
    observations: createObservationsRouter(deps.graph),
    profiles: createProfilesRouter(deps),
    ...createStaffRouters(deps.graph),
    suggestions: createSuggestionsRouter(deps.graph),
    privacy: createPrivacyRouter(deps),
    settings: createSettingsRouter(deps.graph),
    segments: createSegmentsRouter(deps.graph, deps.consents),
    quality: createQualityRouter(deps.graph, deps.till),
    kpis: createKpisRouter(deps.graph),
    audit: createAuditRouter(deps.audit),
  });
}

/** What typed clients import (`import type { ReconciliationRouter } from '@scontrino/reconciliation-service/router'`). */
export type ReconciliationRouter = ReturnType<typeof createReconciliationRouter>;
