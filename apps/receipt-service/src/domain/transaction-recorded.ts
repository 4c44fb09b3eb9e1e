import type { EventEnvelope, PosTransaction } from '@scontrino/contracts';
import type { IdentifierField } from './customer-identifiers.js';

export const TRANSACTION_RECORDED_VERSION = 1;

/** `transaction.recorded`, version 1: what loyalty and reconciliation need; no personal data in clear. */
export interface TransactionRecordedPayload {
  /** The service's id (txn_…). */
  id: string;
  receiptId: string;
  /** The POS's id, unique per store. */
  transactionId: string;
  storeId: string;
  tenantId: string;
  type: PosTransaction['type'];
  /** UTC, ISO 8601. */
  occurredAt: string;
  currency: string;
  totals: PosTransaction['totals'];
  lines: { lineId: string; sku: string; category: string | null; quantity: number; total: number }[];
  /** Look-up hashes (HMAC of the normalised value) of the identifiers the POS sent. */
  customer: Partial<Record<IdentifierField, string>>;
  /** For a return: the sale it returns. */
  original: { id: string; transactionId: string; storeId: string } | null;
}

export type TransactionRecorded = EventEnvelope<'transaction.recorded', TransactionRecordedPayload>;

/** The event id is derived from the transaction's, so a rebuilt event dedupes with the first. */
export function transactionRecordedEvent(
  transaction: PosTransaction,
  facts: Omit<
    TransactionRecordedPayload,
    'transactionId' | 'storeId' | 'type' | 'occurredAt' | 'currency' | 'totals' | 'lines'
  > & {
    recordedAt: Date;
  },
): TransactionRecorded {
  const { recordedAt, ...ids } = facts;
  return {
    id: `${ids.id}.recorded`,
    type: 'transaction.recorded',
    version: TRANSACTION_RECORDED_VERSION,
    occurredAt: recordedAt.toISOString(),
    payload: {
      ...ids,
      transactionId: transaction.transactionId,
      storeId: transaction.storeId,
      type: transaction.type,
      occurredAt: new Date(transaction.occurredAt).toISOString(),
      currency: transaction.currency,
      totals: transaction.totals,
      lines: transaction.lines.map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        category: line.category ?? null,
        quantity: line.quantity,
        total: line.total,
      })),
    },
  };
}
