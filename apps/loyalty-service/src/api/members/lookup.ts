import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { lookUpCard } from '../../use-cases/card-lookup.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { balanceView } from '../me/summary.js';
import { tenantIdSchema } from './member-view.js';

export const lookupOutput = z.object({
  memberId: z.string(),
  balance: balanceView,
  recentSales: z.array(z.string()),
});

/** `members.lookup`: the member a card belongs to, the balance and the latest sales that earned (404 for no member's card). */
export function lookupProcedure(deps: LoyaltyDeps) {
  return staffProcedure('members.read', { services: true, audit: 'read' })
    .input(z.object({ tenantId: tenantIdSchema, cardNumber: z.string().min(4).max(40) }))
    .output(lookupOutput)
    .query(({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return lookUpCard(deps, input);
    });
}
