import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberSummary } from '../../use-cases/member-app.js';
import type { memberProcedure } from '../member-procedure.js';

const iso = z.iso.datetime();

/** A member's points as the app and the support desk show them. */
export const balanceView = z.object({
  active: z.number().int(),
  pending: z.number().int(),
  held: z.number().int(),
  available: z.number().int(),
  debt: z.number().int(),
});

export const summaryOutput = z.object({
  memberId: z.string(),
  balance: balanceView,
  tier: z.object({ code: z.string(), name: z.string(), multiplier: z.number(), since: iso }).nullable(),
  progress: z
    .object({
      basis: z.enum(['points', 'spend']),
      qualifying: z.number(),
      next: z
        .object({ code: z.string(), name: z.string(), threshold: z.number(), missing: z.number() })
        .nullable(),
      downgradeAt: iso.nullable(),
    })
    .nullable(),
  expiring: z.object({ points: z.number().int(), withinDays: z.number().int(), firstAt: iso.nullable() }),
});

/** `me.summary`: balance, pending, tier, progress to the next tier, points expiring within 30 days. */
export function summaryProcedure(deps: LoyaltyDeps, procedure: ReturnType<typeof memberProcedure>) {
  return procedure.output(summaryOutput).query(async ({ ctx }) => {
    const summary = await memberSummary(deps, ctx.session);
    const progress = summary.progress;
    return {
      memberId: summary.memberId,
      balance: summary.balance,
      tier: progress ? { ...progress.tier, since: progress.tier.since.toISOString() } : null,
      progress: progress
        ? {
            basis: progress.basis,
            qualifying: progress.qualifying,
            next: progress.next,
            downgradeAt: progress.downgradeAt?.toISOString() ?? null,
          }
        : null,
      expiring: { ...summary.expiring, firstAt: summary.expiring.firstAt?.toISOString() ?? null },
    };
  });
}
