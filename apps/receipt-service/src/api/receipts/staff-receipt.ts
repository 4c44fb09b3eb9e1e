import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { type ReceiptFinder, showReceipt } from '../../use-cases/show-receipt.js';

export const staffReceiptInput = z.object({ receiptId: z.string().min(1).max(64) });

export const staffReceiptOutput = z.object({
  receiptId: z.string(),
  transactionId: z.string(),
  type: z.enum(['sale', 'return']),
  tenantId: z.string(),
  storeId: z.string(),
  terminalId: z.string(),
  occurredAt: z.string(),
  currency: z.string(),
  total: z.number().int(),
  lines: z.number().int(),
  receiptUrl: z.url(),
  /** Still claimable from the paper slip (an anonymous sale whose code is unused and valid). */
  claimable: z.boolean(),
});

/**
 * `receipts.get`: a receipt as the store sees it (no customer: receipts hold none in view), for
 * the store's manager and the support desk; another store's manager gets a 403.
 */
export function staffReceiptProcedure(receipts: ReceiptFinder) {
  return staffProcedure('receipts.read')
    .input(staffReceiptInput)
    .output(staffReceiptOutput)
    .query(async ({ ctx, input }) => {
      const record = await showReceipt(receipts, input.receiptId, (scope) => requireScope(ctx, scope));
      const { transaction } = record;
      return {
        receiptId: record.receiptId,
        transactionId: transaction.transactionId,
        type: transaction.type,
        tenantId: record.store.tenantId,
        storeId: record.store.storeId,
        terminalId: transaction.terminalId,
        occurredAt: transaction.occurredAt,
        currency: transaction.currency,
        total: transaction.totals.total,
        lines: transaction.lines.length,
        receiptUrl: record.receiptUrl,
        claimable: record.claimUrl !== null,
      };
    });
}
