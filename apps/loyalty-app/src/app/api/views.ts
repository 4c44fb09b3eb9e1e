import type { EntryExplanation, LineExplanation } from './explanation-views.js';

export type { EntryExplanation, LineExplanation } from './explanation-views.js';

/**
 * What the screens show, independent of the exact answer shapes of the loyalty service: the
 * member API maps the service's answers onto these, so a renamed field changes one file.
 * Dates are ISO strings (tRPC without a transformer sends JSON).
 */

export interface Balance {
  /** Spendable now (active minus points reserved by a hold). */
  available: number;
  pending: number;
  held: number;
  /** Points owed after a return took back points already spent. */
  debt: number;
}

export interface TierStatus {
  name: string;
  multiplier: number;
  since: string | null;
  /** What qualifies towards tiers: points or spend (minor units). */
  basis: 'points' | 'spend';
  qualifying: number;
  next: { name: string; threshold: number; missing: number } | null;
  downgradeAt: string | null;
}

export interface Summary {
  balance: Balance;
  expiring: { points: number; firstAt: string | null };
  tier: TierStatus | null;
  currency: string;
}

/** Known ledger kinds get their own label and colour; anything newer shows as a plain entry. */
export type HistoryKind =
  | 'earn'
  | 'activate'
  | 'hold'
  | 'release'
  | 'redeem'
  | 'reverse'
  | 'expire'
  | 'adjust'
  | 'transfer_out'
  | 'transfer_in'
  | 'other';

export interface HistoryEntry {
  id: string;
  kind: HistoryKind;
  at: string;
  /** Deltas of pending and active points (active net of debt). */
  pending: number;
  active: number;
  /** What the entry did and why, worded by the app in the member's language. */
  because: EntryExplanation;
  /** How each line of a sale or a return came to its points. */
  lines: { lineId: string; points: number; because: LineExplanation }[];
}

export interface Page<T> {
  items: T[];
  /** Null on the last page. */
  nextCursor: string | null;
}

export interface ReceiptSummary {
  id: string;
  kind: 'sale' | 'return';
  /** The store's name (`Moda Rossi Milano Centro`), its code (`MI-001`) when the service has no name. */
  store: string;
  at: string;
  total: number;
  currency: string;
  receiptUrl: string;
}

export interface MemberCard {
  number: string;
}

export interface SignedIn {
  token: string;
  expiresAt: string | null;
}
