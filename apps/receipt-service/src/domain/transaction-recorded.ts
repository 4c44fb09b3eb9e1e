import type {
  EventOf,
  PosTransaction,
  SealedIdentifier,
  TransactionRecordedPayload,
} from '@scontrino/contracts';

export const TRANSACTION_RECORDED_VERSION = 1;

export type TransactionRecorded = EventOf<'transaction.recorded'>;

export interface RecordedFacts {
  /** The service's id (txn_…). */
  id: string;
  receiptId: string;
  tenantId: string;
  identifiers: SealedIdentifier[];
  original: TransactionRecordedPayload['original'];
  recordedAt: Date;
}

/**
 * `transaction.recorded` (schema in contracts): what loyalty and reconciliation need, no personal
 * data in clear. The event id is derived from the transaction's, so a rebuilt event dedupes with
 * the first.
 */
export function transactionRecordedEvent(
  transaction: PosTransaction,
  facts: RecordedFacts,
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
        unitPrice: line.unitPrice,
        total: line.total,
        originalLineId: line.originalLineId ?? null,
      })),
      pointsRedeemed: transaction.loyalty?.pointsRedeemed ?? 0,
    },
  };
}
