import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { type CustomerReceiptsReader, listCustomerReceipts } from '../../use-cases/list-customer-receipts.js';

export const listForCustomerInput = z.object({
  /** Look-up hashes (`@scontrino/identity` normal form, shared LOOKUP_HASH_KEY): no personal data in clear. */
  identifiers: z
    .array(z.object({ type: z.enum(['card', 'email']), hash: z.string().min(16).max(128) }))
    .min(1, 'give at least one card or email hash')
    .max(20),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const customerReceiptPageSchema = z.object({
  receipts: z.array(
    z.object({
      receiptId: z.string(),
      transactionId: z.string(),
      type: z.enum(['sale', 'return']),
      storeId: z.string(),
      /** The store's name (its id when its profile is gone). */
      storeName: z.string(),
      occurredAt: z.iso.datetime(),
      currency: z.string(),
      total: z.number().int(),
      receiptUrl: z.url(),
      claimed: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/**
 * `receipts.listForCustomer`: a member's receipts for the loyalty app (through the loyalty
 * service, which knows the member's cards and emails), newest first, a page at a time.
 */
export function listForCustomerProcedure(receipts: CustomerReceiptsReader) {
  return serviceProcedure
    .input(listForCustomerInput)
    .output(customerReceiptPageSchema)
    .query(({ input }) => listCustomerReceipts(receipts, { ...input, cursor: input.cursor ?? null }));
}
