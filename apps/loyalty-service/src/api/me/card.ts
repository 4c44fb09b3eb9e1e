import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { sessionMember } from '../../use-cases/member-app.js';
import type { memberProcedure } from '../member-procedure.js';

export const cardOutput = z.object({
  cards: z.array(z.object({ number: z.string(), masked: z.string(), addedAt: z.iso.datetime() })),
});

/**
 * `me.card`: the signed-in member's own card numbers, for the QR the app shows at the till. The
 * only answer that carries a card number in clear, and only to the card's holder.
 */
export function cardProcedure(deps: LoyaltyDeps, procedure: ReturnType<typeof memberProcedure>) {
  return procedure.output(cardOutput).query(async ({ ctx }) => {
    const member = await sessionMember(deps, ctx.session);
    return {
      cards: member.cards.map((card) => ({
        number: deps.crypto.openCard(card.encrypted),
        masked: card.masked,
        addedAt: card.addedAt.toISOString(),
      })),
    };
  });
}
