import { type LedgerState, spendableBatches } from './balance.js';
import type { BatchMove } from './entry.js';

/**
 * Takes `points` from the member's active batches, oldest first (FIFO), never more than a batch
 * holds. `shortfall` is what the batches could not cover.
 */
export function takeOldestFirst(
  state: LedgerState,
  points: number,
  skip: ReadonlySet<string> = new Set(),
): { moves: BatchMove[]; taken: number; shortfall: number } {
  const moves: BatchMove[] = [];
  let left = points;
  for (const batch of spendableBatches(state)) {
    if (left <= 0) break;
    if (skip.has(batch.batchId)) continue;
    const take = Math.min(left, batch.active);
    moves.push({ batchId: batch.batchId, pending: 0, active: -take });
    left -= take;
  }
  return { moves, taken: points - left, shortfall: left };
}
