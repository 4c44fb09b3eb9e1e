import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ReceiptDeliveries } from '../../store/receipt-deliveries.js';
import type { ReceiptQueries } from '../../store/receipts.js';
import { receiptOrNotFound } from './staff-receipt.js';

export const deliveryInput = z.object({ receiptId: z.string().min(1).max(64) });

export const deliveryOutput = z.object({
  deliveries: z.array(
    z.object({
      deliveryId: z.string(),
      source: z.enum(['till', 'claim', 'resend']),
      state: z.enum(['queued', 'sent', 'failed', 'suppressed']),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      queuedAt: z.date(),
      sentAt: z.date().nullable(),
      updatedAt: z.date(),
    }),
  ),
});

/** `receipts.delivery`: every email of a receipt, oldest first; never the address. */
export function deliveryProcedure(
  deliveries: ReceiptDeliveries,
  receipts: Pick<ReceiptQueries, 'findReceiptById'>,
) {
  return staffProcedure('receipts.read')
    .input(deliveryInput)
    .output(deliveryOutput)
    .query(async ({ ctx, input }) => {
      const { store } = await receiptOrNotFound(receipts, input.receiptId);
      requireScope(ctx, { tenantId: store.tenantId, storeId: store.storeId });
      return {
        deliveries: (await deliveries.ofReceipt(input.receiptId)).map((found) => ({
          deliveryId: found._id,
          source: found.source,
          state: found.state,
          attempts: found.attempts,
          lastError: found.lastError,
          queuedAt: found.queuedAt,
          sentAt: found.sentAt,
          updatedAt: found.updatedAt,
        })),
      };
    });
}
