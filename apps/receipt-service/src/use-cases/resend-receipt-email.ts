import { AppError } from '@scontrino/errors';
import type { AllowStore } from '../domain/store-scope.js';
import type { EmailDeliveries } from '../jobs/email-deliveries.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import { type ReceiptFinder, showReceipt } from './show-receipt.js';

export interface ResendDeps {
  receipts: ReceiptFinder;
  recipients: ReceiptRecipients;
  emails: Pick<EmailDeliveries, 'enqueue'>;
}

/**
 * Support's resend: one more delivery of a receipt, to a new address or else to the claim's or the
 * till's, subject to the opt-out like any other. Answers the delivery's id.
 */
export async function resendReceiptEmail(
  deps: ResendDeps,
  input: { receiptId: string; email?: string | undefined },
  allow: AllowStore,
): Promise<string> {
  await showReceipt(deps.receipts, input.receiptId, allow);
  const email =
    input.email ??
    (await deps.recipients.ofClaim(input.receiptId))?.email ??
    (await deps.recipients.ofTill(input.receiptId))?.email;
  if (!email)
    throw new AppError('receipt.no_email', 'The receipt has no email address: give one', {
      kind: 'invalid',
    });
  return deps.emails.enqueue({ receiptId: input.receiptId, email, to: 'resend' });
}
