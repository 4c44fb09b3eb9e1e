import { mayReveal, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { notFound } from '../../use-cases/ledger-errors.js';
import { memberIdSchema, memberView, memberViewSchema } from './member-view.js';

/** `members.get`: a member as stored (a merged member says where its ledger went), contact data masked unless `mayReveal`. */
export function getMemberProcedure(deps: LoyaltyDeps) {
  return staffProcedure('members.read', { services: true, audit: 'read' })
    .input(z.object({ memberId: memberIdSchema }))
    .output(memberViewSchema)
    .query(async ({ ctx, input }) => {
      const member = await deps.store.members.get(input.memberId);
      if (!member) throw notFound('member', input.memberId);
      requireScope(ctx, { tenantId: member.tenantId });
      return memberView(member, deps.crypto, { clear: mayReveal(ctx.caller) });
    });
}
