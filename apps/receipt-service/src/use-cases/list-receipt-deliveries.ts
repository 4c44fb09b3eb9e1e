import type { AllowStore } from '../domain/store-scope.js';
import type { ReceiptDeliveries } from '../store/receipt-deliveries.js';
import { type ReceiptFinder, showReceipt } from './show-receipt.js';

export interface ReceiptDeliveriesDeps {
  receipts: ReceiptFinder;
  deliveries: Pick<ReceiptDeliveries, 'ofReceipt'>;
}

/** Every email of a receipt, oldest first, for the staff of its store. */
export async function listReceiptDeliveries(
  deps: ReceiptDeliveriesDeps,
  receiptId: string,
  allow: AllowStore,
): ReturnType<ReceiptDeliveries['ofReceipt']> {
  await showReceipt(deps.receipts, receiptId, allow);
  return deps.deliveries.ofReceipt(receiptId);
}
