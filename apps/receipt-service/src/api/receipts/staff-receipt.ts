import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ReceiptRecord } from '../../domain/receipt-record.js';
import type { ReceiptQueries } from '../../store/receipts.js';

export async function receiptOrNotFound(
  receipts: Pick<ReceiptQueries, 'findReceiptById'>,
  receiptId: string,
): Promise<ReceiptRecord> {
  const record = await receipts.findReceiptById(receiptId);
  if (!record) throw new AppError('receipt.not_found', `No receipt ${receiptId}`, { kind: 'not_found' });
  return record;
}

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
export function staffReceiptProcedure(receipts: Pick<ReceiptQueries, 'findReceiptById'>) {
  return staffProcedure('receipts.read')
    .input(staffReceiptInput)
    .output(staffReceiptOutput)
    .query(async ({ ctx, input }) => {
      const record = await receiptOrNotFound(receipts, input.receiptId);
      requireScope(ctx, { tenantId: record.store.tenantId, storeId: record.store.storeId });
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
