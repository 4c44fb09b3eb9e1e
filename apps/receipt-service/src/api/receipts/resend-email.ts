import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { EmailDeliveries } from '../../jobs/email-deliveries.js';
import type { ReceiptRecipients } from '../../store/receipt-recipients.js';
import type { ReceiptQueries } from '../../store/receipts.js';
import { receiptOrNotFound } from './staff-receipt.js';

export const resendEmailInput = z.object({
  receiptId: z.string().min(1).max(64),
  /** A new address given to support; else the one of the till or of the claim. */
  email: z.email().max(254).optional(),
});

export const resendEmailOutput = z.object({ deliveryId: z.string() });

export interface ResendDeps {
  receipts: Pick<ReceiptQueries, 'findReceiptById'>;
  recipients: ReceiptRecipients;
  emails: EmailDeliveries;
}

/** `receipts.resendEmail`: one more delivery, subject to the opt-out like any other. */
export function resendEmailProcedure(deps: ResendDeps) {
  return staffProcedure('receipts.resend')
    .input(resendEmailInput)
    .output(resendEmailOutput)
    .mutation(async ({ ctx, input }) => {
      const { store } = await receiptOrNotFound(deps.receipts, input.receiptId);
      requireScope(ctx, { tenantId: store.tenantId, storeId: store.storeId });
      const email =
        input.email ??
        (await deps.recipients.ofClaim(input.receiptId))?.email ??
        (await deps.recipients.ofTill(input.receiptId))?.email;
      if (!email)
        throw new AppError('receipt.no_email', 'The receipt has no email address: give one', {
          kind: 'invalid',
        });
      return { deliveryId: await deps.emails.enqueue({ receiptId: input.receiptId, email, to: 'resend' }) };
    });
}
