import type { PosTransaction } from '@scontrino/contracts';
import type { StoreProfile } from './store-profile.js';

/** Points shown on a receipt when the loyalty service knows the customer. */
export interface LoyaltySummary {
  pointsEarned: number;
  /** Spendable points right after the sale. */
  balance: number;
  /** Points still pending right after the sale, this sale's included; null when not told. */
  pending: number | null;
  /** When this sale's points become spendable (ISO instant); null when not told. */
  availableFrom: string | null;
  tier: string | null;
}

/** `Omit` over each member of a union, so a sale stays a sale and a return a return. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Everything needed to show one receipt, whatever the form (email, page, PDF, in-app).
 * Holds no personal data: `transaction.customer` is stripped before it gets here.
 */
export interface ReceiptRecord {
  receiptId: string;
  transaction: DistributiveOmit<PosTransaction, 'customer'>;
  store: StoreProfile;
  /** Public URL of the hosted receipt, `<PUBLIC_URL>/r/<token>`. */
  receiptUrl: string;
  /** Set only for a sale without an identified customer, while its claim code is unused and valid. */
  claimUrl: string | null;
  /** The return this receipt's sale was returned by, or the sale this return refers to. */
  related: { kind: 'returned-by' | 'returns'; transactionId: string }[];
  loyalty: LoyaltySummary | null;
}
