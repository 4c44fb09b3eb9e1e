import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { InvalidCursorError } from '../../domain/invalid-cursor.js';
import type { CustomerReceipts } from '../../store/customer-receipts.js';
import { customerReceiptPageSchema, listForCustomerInput } from './list-for-customer.js';

export const ofCustomerInput = listForCustomerInput.extend({ tenantId: z.string().regex(/^[\w-]{1,64}$/) });

/**
 * `receipts.ofCustomer`: one brand's receipts of a customer, by the look-up hashes of their cards
 * and e-mails (as `profiles.get` lists them), newest first, for the back office's customer view.
 * Staff of the whole brand only (a store manager's token is refused: the list spans stores).
 */
export function ofCustomerProcedure(receipts: CustomerReceipts) {
  return staffProcedure('receipts.read', { audit: 'read' })
    .input(ofCustomerInput)
    .output(customerReceiptPageSchema)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      try {
        return await receipts.list({ ...input, cursor: input.cursor ?? null });
      } catch (error) {
        if (!(error instanceof InvalidCursorError)) throw error;
        throw new AppError('receipt.invalid_cursor', 'This cursor was not issued by this service', {
          kind: 'invalid',
          issues: [{ path: 'cursor', code: 'invalid_cursor', message: 'not a cursor of this service' }],
        });
      }
    });
}
