import { createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';

export interface LoyaltyRouterDeps {
  readiness: readonly ReadinessCheck[];
}

export function createLoyaltyRouter(deps: LoyaltyRouterDeps) {
  return router({
    system: createSystemRouter('loyalty-service', deps.readiness),
  });
}

/** What typed clients import (`import type { LoyaltyRouter } from '@scontrino/loyalty-service/router'`). */
export type LoyaltyRouter = ReturnType<typeof createLoyaltyRouter>;
