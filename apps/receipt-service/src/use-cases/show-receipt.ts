import { AppError } from '@scontrino/errors';
import type { ReceiptRecord } from '../domain/receipt-record.js';
import type { AllowStore } from '../domain/store-scope.js';
import type { ReceiptQueries } from '../store/receipts.js';

export type ReceiptFinder = Pick<ReceiptQueries, 'findReceiptById'>;

export async function receiptOrNotFound(receipts: ReceiptFinder, receiptId: string): Promise<ReceiptRecord> {
  const record = await receipts.findReceiptById(receiptId);
  if (!record) throw new AppError('receipt.not_found', `No receipt ${receiptId}`, { kind: 'not_found' });
  return record;
}

/** A receipt as the store sees it, for its staff: a receipt of another store is refused by `allow`. */
export async function showReceipt(
  receipts: ReceiptFinder,
  receiptId: string,
  allow: AllowStore,
): Promise<ReceiptRecord> {
  const record = await receiptOrNotFound(receipts, receiptId);
  allow({ tenantId: record.store.tenantId, storeId: record.store.storeId });
  return record;
}
