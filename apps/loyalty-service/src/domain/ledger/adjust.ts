import { availableAt, type LedgerState } from './balance.js';
import { refuse, type Decision } from './decision.js';
import type { BatchDates } from './entry.js';
import { explained } from './entry-explanation.js';
import { takeOldestFirst } from './fifo.js';
import { pts } from './points-text.js';

/**
 * A correction by staff, always with a reason and the staff member's name. A credit opens a batch
 * that is spendable at once and expires like earned points (a debt is repaid from it first); a
 * debit takes the oldest points and is refused beyond what is available.
 */
export function adjustDecision(
  state: LedgerState,
  input: {
    entryId: string;
    requestId: string;
    points: number;
    reason: string;
    actor: string;
    dates: BatchDates;
    now: Date;
  },
): Decision {
  const common = {
    kind: 'adjust' as const,
    businessKey: `adjust:${input.requestId}`,
    at: input.now,
    pending: 0,
    points: input.points,
    reason: input.reason,
    actor: input.actor,
  };
  if (input.points >= 0) {
    const repaid = Math.min(state.debt, input.points);
    return {
      ...common,
      active: input.points,
      debt: -repaid,
      moves: [
        {
          batchId: input.entryId,
          pending: 0,
          active: input.points - repaid,
          // Goodwill points are not spend: they do not count towards tiers.
          opens: { ...input.dates, qualifying: { points: 0, spend: 0 } },
        },
      ],
      ...explained({ kind: 'adjusted', points: input.points, actor: input.actor, reason: input.reason }),
    };
  }
  const wanted = -input.points;
  const available = availableAt(state, input.now);
  if (wanted > available)
    return refuse('insufficient_points', `${pts(wanted)} to remove, ${pts(available)} available`);
  const { moves } = takeOldestFirst(state, wanted);
  return {
    ...common,
    active: input.points,
    debt: 0,
    moves,
    ...explained({ kind: 'adjusted', points: input.points, actor: input.actor, reason: input.reason }),
  };
}
