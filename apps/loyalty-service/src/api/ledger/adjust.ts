import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { adjustPoints } from '../../use-cases/adjust-points.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberIdSchema } from '../members/member-view.js';

export const adjustInput = z.object({
  memberId: memberIdSchema,
  /** The caller's id for this correction: sending it again changes nothing. */
  requestId: z.string().min(1).max(100),
  points: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((points) => points !== 0, 'an adjustment adds or removes points'),
  reason: z.string().trim().min(3).max(500),
});

export const ledgerEntryViewSchema = z.object({
  entryId: z.string(),
  memberId: z.string(),
  kind: z.string(),
  at: z.iso.datetime(),
  points: z.number().int(),
  explanation: z.string(),
});

/**
 * `ledger.adjust`: a correction by staff, with a reason; the actor is the staff token's subject.
 * A debit beyond the balance is a 409.
 */
export function adjustProcedure(deps: LoyaltyDeps) {
  return staffProcedure('points.adjust')
    .input(adjustInput)
    .output(ledgerEntryViewSchema)
    .mutation(async ({ ctx, input }) => {
      const member = await deps.store.members.get(input.memberId);
      if (member) requireScope(ctx, { tenantId: member.tenantId });
      const entry = await adjustPoints(deps, { ...input, actor: actorOf(ctx.caller, 'staff') });
      return {
        entryId: entry.id,
        memberId: entry.memberId,
        kind: entry.kind,
        at: entry.at.toISOString(),
        points: entry.active + entry.pending,
        explanation: entry.explanation,
      };
    });
}
