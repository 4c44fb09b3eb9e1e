/**
 * The loyalty ledger: an append-only list of entries per member. Nothing is ever updated; the
 * balance, the batches and the holds are folds over the entries (see `balance.ts`).
 *
 * Points live in **batches**: an earn opens a pending batch that activates after the return
 * window, an adjustment or a transfer opens batches too. A batch keeps when it was earned and when
 * it expires, so redemptions can take the oldest points first and expiry takes only what is left.
 */
import type { LineExplanation } from '../program/explanation.js';
import type { EntryExplanation } from './entry-explanation.js';

export type EntryKind =
  | 'earn'
  | 'activate'
  | 'hold'
  | 'release'
  | 'redeem'
  | 'reverse'
  | 'expire'
  | 'adjust'
  | 'transfer_out'
  | 'transfer_in';

/** Dates of a batch, fixed when it is opened and carried along when it moves to another member. */
export interface BatchDates {
  /** When the points were earned (the sale's time): FIFO order and the tier window read it. */
  earnedAt: Date;
  activatesAt: Date;
  /** Null: these points never expire. */
  expiresAt: Date | null;
}

/** What an entry does to one batch: deltas of its pending and active points. */
export interface BatchMove {
  batchId: string;
  pending: number;
  active: number;
  /** Present when this move opens the batch (earn, adjust +, transfer in). */
  opens?: BatchDates & {
    /** The sale an earn opens the batch for (a transfer carries it along). */
    saleId?: string;
    /** What counts towards tiers: points (net of returns) and spend in minor units. */
    qualifying: { points: number; spend: number };
    /** Per sale line, what earlier returns took back (a batch moved by a merge keeps it). */
    returnedLines?: ReturnedLine[];
  };
}

/** A sale line as earned, kept in the earn entry so a return can reverse exactly its points. */
export interface EarnedLineRecord {
  lineId: string;
  sku: string;
  quantity: number;
  points: number;
  /** What the customer paid for the line (minor units): the spend basis of tiers. */
  total: number;
  /** How the line came to its points, as data; absent from entries written before it was kept. */
  because?: LineExplanation;
  /** The same in English. */
  explanation: string;
}

export interface ReturnedLine {
  lineId: string;
  quantity: number;
  points: number;
}

export interface ReversedLine {
  lineId: string;
  /** The original sale's line this return line takes back. */
  originalLineId: string;
  quantity: number;
  points: number;
  spend: number;
}

export type EntryDetail =
  | {
      kind: 'earn';
      sale: { id: string; transactionId: string; storeId: string; occurredAt: Date; total: number };
      programVersion: number;
      lines: EarnedLineRecord[];
      notes: string[];
      /** How the sale reached the member: the card at the till, or a claimed receipt. */
      via: 'card' | 'claim';
    }
  | { kind: 'activate'; batchId: string; repaid: number }
  | { kind: 'hold'; holdId: string; points: number; expiresAt: Date }
  | { kind: 'release'; holdId: string; reason: 'void' | 'transfer' }
  | { kind: 'redeem'; holdId: string; points: number; posTransactionId: string; shortfall: number }
  | {
      kind: 'reverse';
      returnId: string;
      /** The batch the original sale opened: its pending points go first. */
      batchId: string;
      transactionId: string;
      originalSaleId: string;
      lines: ReversedLine[];
      /** Points the return should have taken back and could not (policy `writeOff`). */
      writtenOff: number;
    }
  | { kind: 'expire'; batchId: string }
  | { kind: 'adjust'; points: number; reason: string; actor: string }
  | {
      kind: 'transfer_out';
      /** The merge (or unmerge) that moved the points. */
      operationId: string;
      toMemberId: string;
      releasedHolds: string[];
    }
  | { kind: 'transfer_in'; operationId: string; fromMemberId: string };

interface EntryCommon {
  /** `<memberId>:<seq>`: the insert at the next seq is what serialises writers of one member. */
  id: string;
  memberId: string;
  seq: number;
  /** Unique across the ledger: `earn:<saleId>`, `hold:<holdId>`… A replay finds it taken. */
  businessKey: string;
  at: Date;
  /** Deltas of the member's pending points, active points (net of debt) and debt. */
  pending: number;
  active: number;
  debt: number;
  moves: BatchMove[];
  /**
   * What the entry did and why, as data the app words in the member's language. Absent from
   * entries written before it was kept (the app then shows `explanation`).
   */
  because?: EntryExplanation;
  /** The same in English: the ledger's own record, for staff. */
  explanation: string;
}

export type LedgerEntry = EntryCommon & EntryDetail;

/** An entry as a decision produces it (always explained): the store gives it its id, member and seq. */
export type NewEntry = Omit<EntryCommon, 'id' | 'memberId' | 'seq' | 'because'> & {
  because: EntryExplanation;
} & EntryDetail;

export const SEQ_DIGITS = 10;

export function entryId(memberId: string, seq: number): string {
  return `${memberId}:${String(seq).padStart(SEQ_DIGITS, '0')}`;
}
