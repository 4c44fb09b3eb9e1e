import type { LedgerState } from './balance.js';
import type { NewEntry } from './entry.js';

/** Why the ledger refuses a write: the use case turns it into an AppError for the caller. */
export type RefusalCode =
  | 'insufficient_points'
  | 'below_minimum'
  | 'hold_not_found'
  | 'hold_expired'
  | 'hold_released'
  | 'hold_captured'
  | 'capture_exceeds_hold';

export interface Refusal {
  refused: RefusalCode;
  message: string;
}

/** What a write decides on the member's current ledger: one entry, a refusal, or nothing to do. */
export type Decision = NewEntry | Refusal | null;

/** Given to a decision by the store: the id the new entry will have (a new batch takes it) and now. */
export interface DecisionContext {
  entryId: string;
  now: Date;
}

export type Decide = (state: LedgerState, context: DecisionContext) => Decision;

export function isRefusal(decision: Decision): decision is Refusal {
  return decision !== null && 'refused' in decision;
}

export function refuse(refused: RefusalCode, message: string): Refusal {
  return { refused, message };
}
