import type { EventOf, ReceiptClaimedPayload } from '@scontrino/contracts';

export const RECEIPT_CLAIMED_VERSION = 1;

export type ReceiptClaimed = EventOf<'receipt.claimed'>;

/** `receipt.claimed` (schema in contracts). One claim per receipt, so the receipt id makes the event id. */
export function receiptClaimedEvent(payload: ReceiptClaimedPayload): ReceiptClaimed {
  return {
    id: `${payload.receiptId}.claimed`,
    type: 'receipt.claimed',
    version: RECEIPT_CLAIMED_VERSION,
    occurredAt: payload.claimedAt,
    payload,
  };
}
