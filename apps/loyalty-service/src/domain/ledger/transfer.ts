import type { Batch, LedgerState } from './balance.js';
import type { BatchMove, LedgerEntry, NewEntry } from './entry.js';
import { explained } from './entry-explanation.js';

/** Why points move between members: a merge of customer profiles, or the split of one, by a rule. */
export interface TransferReason {
  operation: 'merge' | 'unmerge';
  rule: string;
}

export const transferOutKey = (operationId: string, memberId: string): string =>
  `transfer:${operationId}:${memberId}`;
export const transferInKey = (operationId: string, memberId: string): string =>
  `transfer:${operationId}:${memberId}:in`;

/** What a batch carries to its new member: its dates and its tier contribution net of returns. */
function movedOut(batch: Batch): BatchMove {
  const returned = batch.returns.reduce(
    (sum, r) => ({ points: sum.points + r.points, spend: sum.spend + r.spend }),
    { points: 0, spend: 0 },
  );
  return {
    batchId: batch.batchId,
    pending: -batch.pending,
    active: -batch.active,
    opens: {
      earnedAt: batch.earnedAt,
      activatesAt: batch.activatesAt,
      expiresAt: batch.expiresAt,
      ...(batch.saleId !== null && { saleId: batch.saleId }),
      qualifying: {
        points: Math.max(0, batch.qualifying.points - returned.points),
        spend: Math.max(0, batch.qualifying.spend - returned.spend),
      },
      returnedLines: batch.returnedLines,
    },
  };
}

/**
 * Moves batches (all of them on a merge, those that came from one member on an unmerge) with their
 * dates and ids to another member, and the debt with them on a merge. Live holds are released: the
 * points they reserved are leaving. The matching `transfer_in` is built from this entry alone, so
 * a retry after a crash in between writes exactly the same points on the other side.
 */
export function transferOutEntry(
  state: LedgerState,
  input: {
    operationId: string;
    memberId: string;
    toMemberId: string;
    now: Date;
    /** Only these batches (an unmerge); all when absent (a merge). */
    batchIds?: ReadonlySet<string>;
    why: TransferReason;
  },
): NewEntry {
  // Spent batches go too: the member's tier history travels with them.
  const batches = [...state.batches.values()].filter(
    (batch) => input.batchIds === undefined || input.batchIds.has(batch.batchId),
  );
  const moves = batches.map(movedOut);
  const pending = moves.reduce((sum, move) => sum + move.pending, 0);
  const batchActive = moves.reduce((sum, move) => sum + move.active, 0);
  const debt = input.batchIds === undefined ? state.debt : 0;
  const releasedHolds = [...state.holds.values()]
    .filter((hold) => hold.state === 'held' && hold.expiresAt > input.now)
    .map((hold) => hold.holdId);
  return {
    kind: 'transfer_out',
    businessKey: transferOutKey(input.operationId, input.memberId),
    at: input.now,
    pending,
    active: batchActive + debt,
    debt: -debt,
    moves,
    ...explained({
      kind: 'moved_out',
      points: -(batchActive + pending),
      toMemberId: input.toMemberId,
      ...input.why,
    }),
    operationId: input.operationId,
    toMemberId: input.toMemberId,
    releasedHolds: input.batchIds === undefined ? releasedHolds : [],
  };
}

/** The other side of a `transfer_out`: the same batches, ids, dates and debt, on this member. */
export function transferInEntry(out: LedgerEntry, now: Date, why: TransferReason): NewEntry {
  if (out.kind !== 'transfer_out') throw new Error(`entry ${out.id} is not a transfer out`);
  const moves = out.moves.map((move) => ({ ...move, pending: -move.pending, active: -move.active }));
  const points = -(out.pending + out.active);
  return {
    kind: 'transfer_in',
    businessKey: transferInKey(out.operationId, out.memberId),
    at: now,
    pending: -out.pending,
    active: -out.active,
    debt: -out.debt,
    moves,
    ...explained({ kind: 'moved_in', points, fromMemberId: out.memberId, ...why }),
    operationId: out.operationId,
    fromMemberId: out.memberId,
  };
}
