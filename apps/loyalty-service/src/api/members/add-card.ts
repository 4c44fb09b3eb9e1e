import { mayReveal, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { addCard } from '../../use-cases/enrol-member.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberIdSchema, memberView, memberViewSchema } from './member-view.js';

/** `members.addCard`: one more card for a member; a card another member holds is a 409. */
export function addCardProcedure(deps: LoyaltyDeps) {
  return staffProcedure('members.manage', { services: true })
    .input(z.object({ memberId: memberIdSchema, cardNumber: z.string().min(4).max(40) }))
    .output(memberViewSchema)
    .mutation(async ({ ctx, input }) => {
      const member = await deps.store.members.get(input.memberId);
      if (member) requireScope(ctx, { tenantId: member.tenantId });
      return memberView(await addCard(deps, input), deps.crypto, { clear: mayReveal(ctx.caller) });
    });
}
