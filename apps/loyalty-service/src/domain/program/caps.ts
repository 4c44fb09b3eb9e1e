import type { MemberEarningContext } from './earning-contract.js';
import type { ProgramConfig } from './program-config.js';

export interface CapAllowance {
  /** Most points this sale may still give; Infinity without caps. */
  allowed: number;
  /** The tighter of the two caps, the one a cut is explained by. */
  limit: { kind: 'daily' | 'monthly'; cap: number; alreadyEarned: number } | null;
}

/**
 * What the member's caps leave for this sale: the smaller room of the daily and the monthly cap
 * (UTC days and months, counted by the ledger from earnings net of reversals). Never negative:
 * a member already over a cap (a lowered cap, a late claim) simply earns nothing more.
 */
export function capAllowance(
  caps: ProgramConfig['earning']['caps'],
  member: Pick<MemberEarningContext, 'earnedToday' | 'earnedThisMonth'>,
): CapAllowance {
  const day =
    caps.perDay === null
      ? null
      : { kind: 'daily' as const, cap: caps.perDay, alreadyEarned: member.earnedToday };
  const month =
    caps.perMonth === null
      ? null
      : { kind: 'monthly' as const, cap: caps.perMonth, alreadyEarned: member.earnedThisMonth };
  const room = (limit: NonNullable<CapAllowance['limit']>) =>
    Math.max(0, limit.cap - Math.max(0, limit.alreadyEarned));
  const limits = [day, month].filter((limit) => limit !== null);
  let tightest: CapAllowance['limit'] = null;
  for (const limit of limits) if (tightest === null || room(limit) < room(tightest)) tightest = limit;
  return { allowed: tightest === null ? Infinity : room(tightest), limit: tightest };
}
