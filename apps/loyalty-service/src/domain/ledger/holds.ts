import { availableAt, type LedgerState } from './balance.js';
import { refuse, type Decision } from './decision.js';
import { explained } from './entry-explanation.js';
import { takeOldestFirst } from './fifo.js';
import { pts } from './points-text.js';

export const holdKey = (holdId: string): string => `hold:${holdId}`;
export const captureKey = (holdId: string): string => `capture:${holdId}`;
export const releaseKey = (holdId: string): string => `release:${holdId}`;

/**
 * Reserves points for a basket at the till. Refused above what is available now (active points
 * minus live holds): decided on the member's whole ledger and written at the next seq, so two
 * holds decided on the same ledger cannot both be written.
 */
export function holdDecision(
  state: LedgerState,
  input: { holdId: string; points: number; expiresAt: Date; now: Date },
): Decision {
  const available = availableAt(state, input.now);
  if (input.points > available)
    return refuse('insufficient_points', `${pts(input.points)} asked, ${pts(available)} available`);
  return {
    kind: 'hold',
    businessKey: holdKey(input.holdId),
    at: input.now,
    pending: 0,
    active: 0,
    debt: 0,
    moves: [],
    ...explained({ kind: 'held', points: input.points }),
    holdId: input.holdId,
    points: input.points,
    expiresAt: input.expiresAt,
  };
}

/**
 * Spends a live hold's points (or fewer) for the POS transaction, oldest batches first. Capturing
 * again with the same POS transaction id answers the first capture (the use case finds its key).
 */
export function captureDecision(
  state: LedgerState,
  input: { holdId: string; posTransactionId: string; points?: number | undefined; now: Date },
): Decision {
  const hold = state.holds.get(input.holdId);
  if (!hold) return refuse('hold_not_found', `no hold ${input.holdId}`);
  if (hold.state === 'captured')
    return refuse('hold_captured', 'this hold was captured by another transaction');
  if (hold.state === 'released') return refuse('hold_released', 'this hold was voided');
  if (hold.expiresAt <= input.now) return refuse('hold_expired', 'this hold lapsed; hold the points again');
  const points = input.points ?? hold.points;
  if (points > hold.points)
    return refuse('capture_exceeds_hold', `${pts(points)} is more than the ${pts(hold.points)} held`);
  // Points held stay spendable by nobody else, so the batches cover them unless a return took
  // them back meanwhile; then the rest becomes debt, since the till has already given the discount.
  const { moves, taken, shortfall } = takeOldestFirst(state, points);
  return {
    kind: 'redeem',
    businessKey: captureKey(input.holdId),
    at: input.now,
    pending: 0,
    active: -points,
    debt: shortfall,
    moves,
    ...explained({ kind: 'redeemed', points, posTransactionId: input.posTransactionId }),
    holdId: input.holdId,
    points,
    posTransactionId: input.posTransactionId,
    shortfall: points - taken,
  };
}

/** Voids a hold before capture: its points are free again at once. */
export function releaseDecision(state: LedgerState, input: { holdId: string; now: Date }): Decision {
  const hold = state.holds.get(input.holdId);
  if (!hold) return refuse('hold_not_found', `no hold ${input.holdId}`);
  if (hold.state === 'captured') return refuse('hold_captured', 'a captured hold cannot be voided');
  if (hold.state === 'released') return null;
  return {
    kind: 'release',
    businessKey: releaseKey(input.holdId),
    at: input.now,
    pending: 0,
    active: 0,
    debt: 0,
    moves: [],
    ...explained({ kind: 'released', points: hold.points }),
    holdId: input.holdId,
    reason: 'void',
  };
}
