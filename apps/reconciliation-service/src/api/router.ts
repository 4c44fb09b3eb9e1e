import { createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';

export interface ReconciliationRouterDeps {
  readiness: readonly ReadinessCheck[];
}

export function createReconciliationRouter(deps: ReconciliationRouterDeps) {
  return router({
    system: createSystemRouter('reconciliation-service', deps.readiness),
  });
}

/** What typed clients import (`import type { ReconciliationRouter } from '@scontrino/reconciliation-service/router'`). */
export type ReconciliationRouter = ReturnType<typeof createReconciliationRouter>;
