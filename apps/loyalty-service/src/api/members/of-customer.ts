import { mayReveal, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { membersOfCustomer } from '../../use-cases/members-of-customer.js';
import { balanceView } from '../me/summary.js';
import { memberView, memberViewSchema, tenantIdSchema } from './member-view.js';

export const ofCustomerInput = z.object({
  tenantId: tenantIdSchema,
  /** Look-up hashes of the customer's cards and e-mails (`profiles.get` lists them): no value in clear. */
  identifiers: z
    .array(z.object({ type: z.enum(['card', 'email']), hash: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) }))
    .min(1, 'give at least one card or e-mail hash')
    .max(20),
});

export const ofCustomerOutput = z.object({
  members: z.array(z.object({ member: memberViewSchema, balance: balanceView })),
});

/**
 * `members.ofCustomer`: the members a customer's cards and e-mails belong to, with tier and
 * balance, for the back office's customer view; contact data masked unless `mayReveal`.
 */
export function ofCustomerProcedure(deps: LoyaltyDeps) {
  return staffProcedure('members.read', { audit: 'read' })
    .input(ofCustomerInput)
    .output(ofCustomerOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const clear = mayReveal(ctx.caller);
      const found = await membersOfCustomer(deps, input.tenantId, input.identifiers);
      return {
        members: found.map(({ member, balance }) => ({
          member: memberView(member, deps.crypto, { clear }),
          balance,
        })),
      };
    });
}
