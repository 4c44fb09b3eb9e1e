import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { lookUpCard } from '../../use-cases/card-lookup.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { tenantIdSchema } from './member-view.js';

export const lookupOutput = z.object({
  memberId: z.string(),
  balance: z.object({
    active: z.number().int(),
    pending: z.number().int(),
    held: z.number().int(),
    available: z.number().int(),
    debt: z.number().int(),
  }),
  recentSales: z.array(z.string()),
});

/** `members.lookup`: the member a card belongs to, the balance and the latest sales that earned (404 for no member's card). */
export function lookupProcedure(deps: LoyaltyDeps) {
  return serviceProcedure
    .input(z.object({ tenantId: tenantIdSchema, cardNumber: z.string().min(4).max(40) }))
    .output(lookupOutput)
    .query(({ input }) => lookUpCard(deps, input));
}
