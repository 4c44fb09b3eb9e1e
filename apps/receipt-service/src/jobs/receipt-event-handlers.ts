import { parseEventPayload, type SaleCreditedPayload } from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import { claimWithdrawn } from '../domain/claim-offer.js';
import type { CustomerErasure } from '../store/customer-erasure.js';
import type { ErasureOutcomes } from '@scontrino/db';
import type { ReceiptLoyalty } from '../store/receipt-loyalty.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import type { SalesRollups } from '../store/sales-rollups.js';
import type { EmailDeliveries, EnqueueInput } from './email-deliveries.js';

/**
 * The receipt service reads its own events to send receipt emails: the event is stored with the
 * transaction or the claim, so the email is due even when Redis was down when the sale came in.
 * A sale that names a card gets its loyalty block from the loyalty service's `sale.credited`; its
 * email waits for it up to `loyaltyWaitMs`, then goes without. Sales and loyalty blocks are
 * handled in batches: their writes (deliveries and their jobs, blocks) go one insert per batch. `customer.erased` removes the person
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
    // In batches (the jobs running at once). A replay meets the delivery's id taken (one till
    // delivery per receipt) and re-adds its job, which bull ignores or the worker finds done: no
    // processed_events record needed.
    'transaction.recorded': {
      replays: 'handler',
      handleBatch: async (events) => {
        const outcomes: (Error | undefined)[] = events.map(() => undefined);
        const wanted: { index: number; input: EnqueueInput }[] = [];
        await inSlices(events, async (event, index) => {
          try {
            const sale = parseEventPayload('transaction.recorded', event.payload);
            // Counted once however often the event comes (see sales-rollups.ts).
            await deps.rollups.recordTransaction(sale);
            const recipient = await deps.recipients.ofTill(sale.receiptId);
            // Opting out is checked by the worker when it sends: it may change while the job waits.
            if (!recipient?.requested) return;
            const namesCard = sale.type === 'sale' && sale.identifiers.some(({ type }) => type === 'card');
            wanted.push({
              index,
              input: {
                receiptId: sale.receiptId,
                email: recipient.email,
                to: 'till',
                loyaltyWaitMs: namesCard ? deps.loyaltyWaitMs : 0,
              },
            });
          } catch (error) {
            outcomes[index] = error instanceof Error ? error : new Error(String(error));
          }
        });
        const enqueued = await deps.emails.enqueueAll(wanted.map(({ input }) => input));
        wanted.forEach(({ index }, i) => {
          const outcome = enqueued[i];
          if (outcome instanceof Error) outcomes[index] = outcome;
        });
        return outcomes;
      },
    },
    // In batches too. A replay meets the block's `_id` (the receipt id) taken: the first outcome stays.
    'sale.credited': {
      replays: 'handler',
      handleBatch: async (events) => {
        const parsed = events.map((event) => {
          try {
            return parseEventPayload('sale.credited', event.payload);
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        });
        const told = parsed.filter((payload): payload is SaleCreditedPayload => !(payload instanceof Error));
        const recorded = await deps.loyalty.recordAll(told, deps.clock());
        // A withdrawn claim code leaves the day's claimable sales (once: see sales-rollups.ts).
        for (const [index, payload] of told.entries())
          if (
            recorded[index] === undefined &&
            payload.outcome === 'credited' &&
            claimWithdrawn({ memberHasEmail: payload.memberHasEmail === true })
          )
            recorded[index] = await deps.rollups.recordWithdrawal(payload.receiptId).then(
              () => undefined,
              (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
            );
        let next = 0;
        return parsed.map((payload) => (payload instanceof Error ? payload : recorded[next++]));
      },
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

/** Reads in flight at once for one batch: a share of the database's connections, not all of them. */
const READS_IN_FLIGHT = 4;

async function inSlices<T>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += READS_IN_FLIGHT)
    await Promise.all(items.slice(start, start + READS_IN_FLIGHT).map((item, i) => work(item, start + i)));
}
