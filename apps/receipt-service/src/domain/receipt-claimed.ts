import type { EventEnvelope } from '@scontrino/contracts';

export const RECEIPT_CLAIMED_VERSION = 1;

/** An anonymous sale's receipt was claimed with an email address: nothing personal but its hash. */
export interface ReceiptClaimedPayload {
  receiptId: string;
  /** The service's id (txn_…). */
  id: string;
  /** The POS's id, unique per store. */
  transactionId: string;
  storeId: string;
  tenantId: string;
  /** Look-up hash (HMAC) of the normalised address, as in `transaction.recorded`'s customer. */
  emailHash: string;
  marketingConsent: boolean;
  /** UTC, ISO 8601. */
  claimedAt: string;
}

export type ReceiptClaimed = EventEnvelope<'receipt.claimed', ReceiptClaimedPayload>;

/** One claim per receipt, so the receipt id makes the event id. */
export function receiptClaimedEvent(payload: ReceiptClaimedPayload): ReceiptClaimed {
  return {
    id: `${payload.receiptId}.claimed`,
    type: 'receipt.claimed',
    version: RECEIPT_CLAIMED_VERSION,
    occurredAt: payload.claimedAt,
    payload,
  };
}
