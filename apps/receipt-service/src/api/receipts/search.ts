import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { storeDayInterval } from '../../domain/store-day.js';
import { InvalidCursorError } from '../../domain/invalid-cursor.js';
import type { StoreProfiles } from '../../store/store-profiles.js';
import type { StoreReceipts } from '../../store/store-receipts.js';

export const searchReceiptsInput = z
  .object({
    tenantId: z.string().regex(/^[\w-]{1,64}$/),
    storeId: z.string().min(1).max(64),
    /** The store's calendar day (its time zone), YYYY-MM-DD… */
    day: z.iso.date().optional(),
    /** …or the id printed on the slip (the POS's transactionId). */
    transactionId: z.string().min(1).max(64).optional(),
    /** The receipt's total in minor units. */
    total: z.number().int().min(-100_000_000).max(100_000_000).optional(),
    /** The last four digits of the card that paid. */
    last4: z
      .string()
      .regex(/^\d{4}$/, 'four digits')
      .optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((input) => (input.day === undefined) !== (input.transactionId === undefined), {
    message: 'give either a day or a transactionId',
    path: ['day'],
  });

export const searchReceiptsOutput = z.object({
  receipts: z.array(
    z.object({
      receiptId: z.string(),
      transactionId: z.string(),
      type: z.enum(['sale', 'return']),
      storeId: z.string(),
      terminalId: z.string(),
      occurredAt: z.iso.datetime(),
      currency: z.string(),
      total: z.number().int(),
      cardLast4: z.array(z.string()),
      receiptUrl: z.url(),
      identified: z.boolean(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const invalidCursor = () =>
  new AppError('receipt.invalid_cursor', 'This cursor was not issued by this service', {
    kind: 'invalid',
    issues: [{ path: 'cursor', code: 'invalid_cursor', message: 'not a cursor of this service' }],
  });

/**
 * `receipts.search`: a store's receipts of one day (in the store's time zone) or the one with a
 * slip's id, narrowed by total and the card's last four digits, newest first, a page at a time;
 * for the back office (`receipts.read`, the store in the caller's scope). No customer data.
 */
export function searchReceiptsProcedure(deps: {
  receipts: StoreReceipts;
  stores: Pick<StoreProfiles, 'get'>;
}) {
  return staffProcedure('receipts.read')
    .input(searchReceiptsInput)
    .output(searchReceiptsOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId, storeId: input.storeId });
      const common = {
        tenantId: input.tenantId,
        storeId: input.storeId,
        total: input.total,
        last4: input.last4,
        cursor: input.cursor ?? null,
        limit: input.limit,
      };
      let between: { start: Date; end: Date } | null = null;
      if (input.day !== undefined) {
        const store = await deps.stores.get(input.storeId);
        if (!store || store.tenantId !== input.tenantId)
          throw new AppError('store.not_found', `No store ${input.storeId}`, { kind: 'not_found' });
        between = storeDayInterval(input.day, store.timeZone);
        if (!between)
          throw new AppError('receipt.invalid_day', 'Not a calendar day', {
            kind: 'invalid',
            issues: [{ path: 'day', code: 'invalid_day', message: 'not a calendar day' }],
          });
      }
      try {
        return await deps.receipts.search(
          between ? { ...common, between } : { ...common, transactionId: input.transactionId ?? '' },
        );
      } catch (error) {
        if (error instanceof InvalidCursorError) throw invalidCursor();
        throw error;
      }
    });
}
