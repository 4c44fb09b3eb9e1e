import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { resendReceiptEmail, type ResendDeps } from '../../use-cases/resend-receipt-email.js';

export const resendEmailInput = z.object({
  receiptId: z.string().min(1).max(64),
  /** A new address given to support; else the one of the till or of the claim. */
  email: z.email().max(254).optional(),
});

export const resendEmailOutput = z.object({ deliveryId: z.string() });

/** `receipts.resendEmail`: one more delivery, subject to the opt-out like any other. */
export function resendEmailProcedure(deps: ResendDeps) {
  return staffProcedure('receipts.resend')
    .input(resendEmailInput)
    .output(resendEmailOutput)
    .mutation(async ({ ctx, input }) => {
      const deliveryId = await resendReceiptEmail(deps, input, (scope) => requireScope(ctx, scope));
      return { deliveryId };
    });
}
