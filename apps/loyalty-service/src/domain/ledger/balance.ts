import type { BatchDates, LedgerEntry, ReturnedLine } from './entry.js';
import { addDays, addMonths } from './expiry.js';

/**
 * How long a batch with no points left stays in the folded ledger: past the longest tier window
 * (36 months), the longest grace period (a year) and a dry run's year back, with a year to spare.
 * Older spent batches change no rule's answer, so the snapshot forgets them and stays bounded.
 */
export const SPENT_BATCH_MONTHS = 60;

/** How long a hold stays in the folded ledger after it lapsed (a till's late retry still finds it). */
export const LAPSED_HOLD_DAYS = 1;

/** A batch of points as the ledger has left it. */
export interface Batch extends BatchDates {
  batchId: string;
  /** Position among the member's batches when opened: breaks FIFO ties between equal `earnedAt`. */
  order: number;
  pending: number;
  active: number;
  /** The sale whose earn opened the batch (carried along by transfers); null for other batches. */
  saleId: string | null;
  /** Tier contribution when opened, and the returns that took part of it back since. */
  qualifying: { points: number; spend: number };
  returns: { at: Date; points: number; spend: number }[];
  /** Per line of the sale that opened the batch, what returns took back so far. */
  returnedLines: ReturnedLine[];
}

export interface HoldState {
  holdId: string;
  points: number;
  expiresAt: Date;
  state: 'held' | 'captured' | 'released';
  /** The redeem entry of a captured hold (its POS transaction id makes capture idempotent). */
  capture: { posTransactionId: string; points: number; entryId: string } | null;
}

/**
 * Everything the rules need to know about a member's points, folded from the ledger: balances,
 * the batches that still hold points or may still count for tiers, caps and returns, and the holds
 * still live. Bounded: spent batches leave it {@link SPENT_BATCH_MONTHS} after they were earned,
 * holds {@link LAPSED_HOLD_DAYS} after they lapsed (each entry folded in moves the horizon on).
 * It is what the store keeps as the member's snapshot.
 */
export interface LedgerState {
  lastSeq: number;
  /** Sums of the entries' deltas: the balance is derived, never stored as the truth. */
  pending: number;
  /** Spendable points net of debt: negative while a return's spent points are being recovered. */
  active: number;
  debt: number;
  /** Every batch the member holds (spent ones too: tiers read their history), by id. */
  batches: Map<string, Batch>;
  /** Batches opened so far: the next one's `order`. */
  opened: number;
  holds: Map<string, HoldState>;
  /** When the member first earned qualifying points, even if that batch has left the snapshot. */
  firstEarnAt: Date | null;
  /** The latest `earnedAt` of a batch dropped from the snapshot: older history is incomplete. */
  droppedUntil: Date | null;
}

export function emptyLedger(): LedgerState {
  return {
    lastSeq: 0,
    pending: 0,
    active: 0,
    debt: 0,
    batches: new Map(),
    opened: 0,
    holds: new Map(),
    firstEarnAt: null,
    droppedUntil: null,
  };
}

/** Oldest first: earned earlier, then opened earlier. Redemptions consume in this order. */
export function fifoOrder(a: Batch, b: Batch): number {
  return a.earnedAt.getTime() - b.earnedAt.getTime() || a.order - b.order;
}

function clone(state: LedgerState): LedgerState {
  return {
    ...state,
    batches: new Map([...state.batches].map(([id, batch]) => [id, { ...batch }])),
    holds: new Map(state.holds),
  };
}

function applyInPlace(state: LedgerState, entry: LedgerEntry): void {
  const { batches, holds } = state;
  // A transfer out names the batches it takes away (with their dates, for the other side).
  const moves = entry.kind === 'transfer_out' ? [] : entry.moves;
  for (const move of moves) {
    const existing = batches.get(move.batchId);
    if (move.opens) {
      batches.set(move.batchId, {
        batchId: move.batchId,
        order: state.opened++,
        earnedAt: move.opens.earnedAt,
        activatesAt: move.opens.activatesAt,
        expiresAt: move.opens.expiresAt,
        pending: move.pending,
        active: move.active,
        saleId: move.opens.saleId ?? null,
        qualifying: move.opens.qualifying,
        returns: [],
        returnedLines: move.opens.returnedLines ?? [],
      });
      if (
        move.opens.qualifying.points > 0 &&
        !(state.firstEarnAt && state.firstEarnAt <= move.opens.earnedAt)
      )
        state.firstEarnAt = move.opens.earnedAt;
    } else if (existing) {
      existing.pending += move.pending;
      existing.active += move.active;
    } else {
      throw new Error(
        `entry ${entry.id} moves points of batch ${move.batchId}, which this member does not hold`,
      );
    }
  }
  const settle = (holdId: string, update: Partial<HoldState>) => {
    const hold = holds.get(holdId);
    if (hold) holds.set(holdId, { ...hold, ...update });
  };
  switch (entry.kind) {
    case 'reverse': {
      const batch = batches.get(entry.batchId);
      const points = entry.lines.reduce((sum, line) => sum + line.points, 0);
      const spend = entry.lines.reduce((sum, line) => sum + line.spend, 0);
      if (batch) {
        batch.returns = [...batch.returns, { at: entry.at, points, spend }];
        batch.returnedLines = addReturnedLines(batch.returnedLines, entry.lines);
      }
      break;
    }
    case 'hold':
      holds.set(entry.holdId, {
        holdId: entry.holdId,
        points: entry.points,
        expiresAt: entry.expiresAt,
        state: 'held',
        capture: null,
      });
      break;
    case 'release':
      settle(entry.holdId, { state: 'released' });
      break;
    case 'redeem':
      settle(entry.holdId, {
        state: 'captured',
        capture: { posTransactionId: entry.posTransactionId, points: entry.points, entryId: entry.id },
      });
      break;
    case 'transfer_out':
      // The batches now live with the other member, whole: their tier contribution goes along.
      for (const move of entry.moves) batches.delete(move.batchId);
      for (const holdId of entry.releasedHolds) settle(holdId, { state: 'released' });
      break;
    case 'earn':
    case 'activate':
    case 'expire':
    case 'adjust':
    case 'transfer_in':
      break;
  }
  state.lastSeq = entry.seq;
  state.pending += entry.pending;
  state.active += entry.active;
  state.debt += entry.debt;
  forgetSettled(state, entry.at);
}

/** Drops what no rule reads any more at `at`: long-spent batches and long-lapsed holds. */
function forgetSettled(state: LedgerState, at: Date): void {
  const spentBefore = addMonths(at, -SPENT_BATCH_MONTHS);
  for (const batch of state.batches.values()) {
    if (batch.pending !== 0 || batch.active !== 0 || batch.earnedAt >= spentBefore) continue;
    state.batches.delete(batch.batchId);
    if (!(state.droppedUntil && state.droppedUntil >= batch.earnedAt)) state.droppedUntil = batch.earnedAt;
  }
  const lapsedBefore = addDays(at, -LAPSED_HOLD_DAYS);
  for (const hold of state.holds.values()) if (hold.expiresAt < lapsedBefore) state.holds.delete(hold.holdId);
}

function addReturnedLines(
  returned: readonly ReturnedLine[],
  lines: readonly { originalLineId: string; quantity: number; points: number }[],
): ReturnedLine[] {
  const next = returned.map((line) => ({ ...line }));
  for (const line of lines) {
    const seen = next.find((r) => r.lineId === line.originalLineId);
    if (seen) {
      seen.quantity += line.quantity;
      seen.points += line.points;
    } else next.push({ lineId: line.originalLineId, quantity: line.quantity, points: line.points });
  }
  return next;
}

/** The state after one more entry. Pure: the input state is not changed. */
export function applyEntry(state: LedgerState, entry: LedgerEntry): LedgerState {
  const next = clone(state);
  applyInPlace(next, entry);
  return next;
}

/** The member's ledger folded in seq order. */
export function foldLedger(entries: readonly LedgerEntry[]): LedgerState {
  const state = emptyLedger();
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) applyInPlace(state, entry);
  return state;
}

/** Batches with spendable points, oldest first: the order redemptions and reversals take them in. */
export function spendableBatches(state: LedgerState): Batch[] {
  return [...state.batches.values()].filter((batch) => batch.active > 0).sort(fifoOrder);
}

/** Points reserved by holds still live at `now` (a hold lapses by time, without an entry). */
export function heldAt(state: LedgerState, now: Date): number {
  let held = 0;
  for (const hold of state.holds.values())
    if (hold.state === 'held' && hold.expiresAt > now) held += hold.points;
  return held;
}

/** What the member can put on hold or spend now. */
export function availableAt(state: LedgerState, now: Date): number {
  return Math.max(0, state.active - heldAt(state, now));
}

export interface Balance {
  active: number;
  pending: number;
  held: number;
  available: number;
  /** Points owed after a return took back points already spent; repaid by future earnings. */
  debt: number;
}

export function balanceAt(state: LedgerState, now: Date): Balance {
  const held = heldAt(state, now);
  return {
    active: state.active,
    pending: state.pending,
    held,
    available: Math.max(0, state.active - held),
    debt: state.debt,
  };
}
