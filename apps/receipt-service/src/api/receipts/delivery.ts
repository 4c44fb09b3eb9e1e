import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import {
  listReceiptDeliveries,
  type ReceiptDeliveriesDeps,
} from '../../use-cases/list-receipt-deliveries.js';

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
export function deliveryProcedure(deps: ReceiptDeliveriesDeps) {
  return staffProcedure('receipts.read')
    .input(deliveryInput)
    .output(deliveryOutput)
    .query(async ({ ctx, input }) => {
      const deliveries = await listReceiptDeliveries(deps, input.receiptId, (scope) =>
        requireScope(ctx, scope),
      );
      return {
        deliveries: deliveries.map((found) => ({
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
