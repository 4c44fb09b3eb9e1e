import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { addCard } from '../../use-cases/enrol-member.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberIdSchema, memberView, memberViewSchema } from './member-view.js';

/** `members.addCard`: one more card for a member; a card another member holds is a 409. */
export function addCardProcedure(deps: LoyaltyDeps) {
  return serviceProcedure
    .input(z.object({ memberId: memberIdSchema, cardNumber: z.string().min(4).max(40) }))
    .output(memberViewSchema)
    .mutation(async ({ input }) => memberView(await addCard(deps, input), deps.crypto));
}
