import { createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';

export interface ReceiptRouterDeps {
  readiness: readonly ReadinessCheck[];
}

export function createReceiptRouter(deps: ReceiptRouterDeps) {
  return router({
    system: createSystemRouter('receipt-service', deps.readiness),
  });
}

/** What typed clients import (`import type { ReceiptRouter } from '@scontrino/receipt-service/router'`). */
export type ReceiptRouter = ReturnType<typeof createReceiptRouter>;
