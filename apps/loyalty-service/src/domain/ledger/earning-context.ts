import type { MemberEarningContext } from '../program/earning-contract.js';
import type { ProgramConfig } from '../program/program-config.js';
import type { LedgerState } from './balance.js';

const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/**
 * What the earning rules need to know about the member for a sale at `saleAt`: the multiplier of
 * the tier held then, points already earned that UTC day and month (net of returns, merged
 * members' batches included: they travel with their dates) and whether this is a first purchase.
 */
export function earningContextOf(
  state: LedgerState,
  input: { memberId: string; program: ProgramConfig; tierCode: string | null; saleAt: Date; saleId: string },
): MemberEarningContext {
  // As it was just before the sale: its own batch (a dry run of a credited sale) and later ones do
  // not count. Batches that left the snapshot are years old: `firstEarnAt` still remembers them.
  let earnedToday = 0;
  let earnedThisMonth = 0;
  let earnedBefore = state.firstEarnAt !== null && state.firstEarnAt < input.saleAt;
  for (const batch of state.batches.values()) {
    if (batch.saleId === input.saleId || batch.earnedAt > input.saleAt) continue;
    const net = batch.qualifying.points - batch.returns.reduce((sum, r) => sum + r.points, 0);
    if (batch.qualifying.points > 0) earnedBefore = true;
    if (monthOf(batch.earnedAt) !== monthOf(input.saleAt)) continue;
    earnedThisMonth += net;
    if (dayOf(batch.earnedAt) === dayOf(input.saleAt)) earnedToday += net;
  }
  const levels = input.program.tiers.levels;
  const tier = levels.find((level) => level.code === input.tierCode) ?? levels[0];
  return {
    memberId: input.memberId,
    tier: { code: tier?.code ?? 'NONE', multiplier: tier?.multiplier ?? 1 },
    earnedToday,
    earnedThisMonth,
    firstPurchase: !earnedBefore,
  };
}
