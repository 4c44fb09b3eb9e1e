import { type AuditLog, createAuditRouter } from '@scontrino/audit';
import { type BacklogSources, createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';
import type { ReceiptsClient } from '../clients/receipt-service.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { saleEarningContext } from '../use-cases/sale-earning-context.js';
import type { SignInDeps } from '../use-cases/sign-in.js';
import { createAuthRouter, type SignInIpLimits } from './auth/router.js';
import { adjustProcedure } from './ledger/adjust.js';
import { createKpisRouter } from './kpis/router.js';
import { createMeRouter } from './me/router.js';
import { createMembersRouter } from './members/router.js';
import { createPrivacyRouter } from './privacy/router.js';
import { createProgramRouter } from './program/router.js';
import { redemptionCommands } from './redemptions/redemption-commands.js';
import { createRedemptionsRouter } from './redemptions/router.js';

export interface LoyaltyRouterDeps {
  readiness: readonly ReadinessCheck[];
  /** Where `system.backlog` counts: the service's queues and outboxes. */
  backlog?: BacklogSources;
  loyalty: LoyaltyDeps;
  signIn: SignInDeps;
  signInIpLimits: SignInIpLimits;
  receipts: ReceiptsClient;
  audit: AuditLog;
}

export function createLoyaltyRouter(deps: LoyaltyRouterDeps) {
  const { loyalty } = deps;
  return router({
    system: createSystemRouter('loyalty-service', deps.readiness, deps.backlog),
    program: createProgramRouter({
      programs: loyalty.programs,
      drafts: loyalty.programDrafts,
      sales: loyalty.sales,
      earningContextOf: (sale) => saleEarningContext(loyalty, sale),
      clock: loyalty.clock,
    }),
    members: createMembersRouter(loyalty),
    ledger: router({ adjust: adjustProcedure(loyalty) }),
    redemptions: createRedemptionsRouter(redemptionCommands(loyalty)),
    auth: createAuthRouter(deps.signIn, deps.signInIpLimits),
    me: createMeRouter(loyalty, deps.receipts),
    audit: createAuditRouter(deps.audit),
    privacy: createPrivacyRouter(loyalty),
    kpis: createKpisRouter(loyalty.store.pointsRollups),
  });
}

/** What typed clients import (`import type { LoyaltyRouter } from '@scontrino/loyalty-service/router'`). */
export type LoyaltyRouter = ReturnType<typeof createLoyaltyRouter>;
