import { parseEventPayload } from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import type { EmailDeliveries } from './email-deliveries.js';

/**
 * The receipt service reads its own events to send receipt emails: the event is stored with the
 * transaction or the claim, so the email is due even when Redis was down when the sale came in.
 */
export function receiptEventHandlers(deps: {
  recipients: ReceiptRecipients;
  emails: EmailDeliveries;
}): EventHandlers {
  return {
    'transaction.recorded': async (event) => {
      const { receiptId } = parseEventPayload('transaction.recorded', event.payload);
      const recipient = await deps.recipients.ofTill(receiptId);
      // Opting out is checked by the worker when it sends: it may change while the job waits.
      if (!recipient?.requested) return;
      await deps.emails.enqueue({ receiptId, email: recipient.email, to: 'till' });
    },
    'receipt.claimed': async (event) => {
      const { receiptId } = parseEventPayload('receipt.claimed', event.payload);
      const recipient = await deps.recipients.ofClaim(receiptId);
      if (!recipient) throw new Error(`no claim of receipt ${receiptId}`);
      await deps.emails.enqueue({ receiptId, email: recipient.email, to: 'claim' });
    },
  };
}
