import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberHistory } from '../../use-cases/member-app.js';
import type { memberProcedure } from '../member-procedure.js';

export const historyInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const historyOutput = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      at: z.iso.datetime(),
      points: z.number().int(),
      pending: z.number().int(),
      active: z.number().int(),
      explanation: z.string(),
      lines: z.array(z.object({ lineId: z.string(), points: z.number().int(), explanation: z.string() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** `me.history`: the member's ledger newest first, with an opaque cursor, each entry explained. */
export function historyProcedure(deps: LoyaltyDeps, procedure: ReturnType<typeof memberProcedure>) {
  return procedure
    .input(historyInput)
    .output(historyOutput)
    .query(async ({ ctx, input }) => {
      const page = await memberHistory(deps, ctx.session, input);
      return { ...page, entries: page.entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })) };
    });
}
