import type { Batch, HoldState, LedgerState } from './balance.js';

/**
 * A member's folded ledger as the store keeps it: one bounded document per member (see
 * {@link LedgerState}), the last seq it has folded in, and no entries.
 */
export interface LedgerSnapshot {
  seq: number;
  pending: number;
  active: number;
  debt: number;
  opened: number;
  batches: Batch[];
  holds: HoldState[];
  firstEarnAt: Date | null;
  droppedUntil: Date | null;
}

export function snapshotOf(state: LedgerState): LedgerSnapshot {
  return {
    seq: state.lastSeq,
    pending: state.pending,
    active: state.active,
    debt: state.debt,
    opened: state.opened,
    batches: [...state.batches.values()],
    holds: [...state.holds.values()],
    firstEarnAt: state.firstEarnAt,
    droppedUntil: state.droppedUntil,
  };
}

export function ledgerFromSnapshot(snapshot: LedgerSnapshot): LedgerState {
  return {
    lastSeq: snapshot.seq,
    pending: snapshot.pending,
    active: snapshot.active,
    debt: snapshot.debt,
    opened: snapshot.opened,
    batches: new Map(snapshot.batches.map((batch) => [batch.batchId, batch])),
    holds: new Map(snapshot.holds.map((hold) => [hold.holdId, hold])),
    firstEarnAt: snapshot.firstEarnAt,
    droppedUntil: snapshot.droppedUntil,
  };
}
