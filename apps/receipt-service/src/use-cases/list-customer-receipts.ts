import { AppError } from '@scontrino/errors';
import {
  type CustomerReceiptQuery,
  type CustomerReceipts,
  InvalidCursorError,
} from '../store/customer-receipts.js';

/**
 * A member's receipts for the loyalty app (through the loyalty service, which knows the member's
 * cards and emails), newest first, a page at a time; a cursor this service did not issue is a 422.
 */
export type CustomerReceiptsReader = Pick<CustomerReceipts, 'list'>;

export async function listCustomerReceipts(receipts: CustomerReceiptsReader, query: CustomerReceiptQuery) {
  try {
    return await receipts.list(query);
  } catch (error) {
    if (!(error instanceof InvalidCursorError)) throw error;
    throw new AppError('receipt.invalid_cursor', 'This cursor was not issued by this service', {
      kind: 'invalid',
      issues: [{ path: 'cursor', code: 'invalid_cursor', message: 'not a cursor of this service' }],
    });
  }
}
