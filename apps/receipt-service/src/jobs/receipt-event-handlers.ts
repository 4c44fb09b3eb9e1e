import { parseEventPayload } from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import type { CustomerErasure } from '../store/customer-erasure.js';
import type { ErasureOutcomes } from '@scontrino/db';
import type { ReceiptLoyalty } from '../store/receipt-loyalty.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import type { SalesRollups } from '../store/sales-rollups.js';
import type { EmailDeliveries } from './email-deliveries.js';

/**
 * The receipt service reads its own events to send receipt emails: the event is stored with the
 * transaction or the claim, so the email is due even when Redis was down when the sale came in.
 * A sale that names a card gets its loyalty block from the loyalty service's `sale.credited`; its
 * email waits for it up to `loyaltyWaitMs`, then goes without. `customer.erased` removes the person
 * from receipts, claims and deliveries; fiscal content stays.
 */
export function receiptEventHandlers(deps: {
  recipients: ReceiptRecipients;
  emails: EmailDeliveries;
  erasure: CustomerErasure;
  erasureOutcomes: ErasureOutcomes;
  loyalty: ReceiptLoyalty;
  /** The daily figures of the back office's dashboard, added to once per event. */
  rollups: SalesRollups;
  /** How long a card sale's email waits for its loyalty block (LOYALTY_BLOCK_WAIT_MS). */
  loyaltyWaitMs: number;
  clock: () => Date;
}): EventHandlers {
  return {
    'transaction.recorded': async (event) => {
      const sale = parseEventPayload('transaction.recorded', event.payload);
      await deps.rollups.recordTransaction(sale);
      const recipient = await deps.recipients.ofTill(sale.receiptId);
      // Opting out is checked by the worker when it sends: it may change while the job waits.
      if (!recipient?.requested) return;
      const namesCard = sale.type === 'sale' && sale.identifiers.some(({ type }) => type === 'card');
      await deps.emails.enqueue({
        receiptId: sale.receiptId,
        email: recipient.email,
        to: 'till',
        loyaltyWaitMs: namesCard ? deps.loyaltyWaitMs : 0,
      });
    },
    'sale.credited': async (event) => {
      await deps.loyalty.record(parseEventPayload('sale.credited', event.payload), deps.clock());
    },
    'receipt.claimed': async (event) => {
      const claim = parseEventPayload('receipt.claimed', event.payload);
      const { receiptId } = claim;
      await deps.rollups.recordClaim(claim);
      // The claim is stored with this event, so no recipient means its person was erased since.
      const recipient = await deps.recipients.ofClaim(receiptId);
      if (!recipient) return;
      await deps.emails.enqueue({ receiptId, email: recipient.email, to: 'claim' });
    },
    'customer.erased': async (event, { logger }) => {
      const erasure = parseEventPayload('customer.erased', event.payload);
      const at = deps.clock();
      const counts = await deps.erasure.erase(erasure.tenantId, erasure.identifiers, at);
      const { waiting, ...erased } = counts;
      await deps.erasureOutcomes.add(erasure, erased, { at, complete: waiting === 0 });
      logger.info(counts, 'customer erased from receipts');
      // Retried with backoff until the dispatcher has sent the events still in those documents.
      if (counts.waiting > 0) throw new Error(`${counts.waiting} documents still have events to send`);
    },
  };
}
