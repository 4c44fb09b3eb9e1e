import { z } from 'zod';

/**
 * `sales.credit` on the loyalty service: the receipt service hands over a recorded sale and gets
 * back what to print in the receipt's loyalty block. The call credits the sale exactly as the
 * `transaction.recorded` event would (same business key), so whichever comes first credits and
 * the other changes nothing. `null`: no member holds the sale's card.
 *
 * The receipt service cannot import the loyalty service's router type (the loyalty service imports
 * the receipt service's, and workspace dependencies must not form a cycle), so both sides share
 * this schema and the receipt service validates the answer with it.
 */
export const SALE_CREDIT_PROCEDURE = 'sales.credit';

export const saleCreditSchema = z
  .object({
    memberId: z.string().min(1),
    /** Points this sale earned (pending until the return window closes). */
    pointsEarned: z.number().int().nonnegative(),
    /** Spendable points after the sale. */
    balance: z.number().int(),
    /** Points still pending, this sale's included. */
    pending: z.number().int().nonnegative(),
    /** The member's tier name, e.g. "Gold". */
    tier: z.string().nullable(),
  })
  .nullable();

export type SaleCredit = z.infer<typeof saleCreditSchema>;
