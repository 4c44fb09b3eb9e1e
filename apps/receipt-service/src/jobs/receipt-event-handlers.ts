import {
  type EventPayloads,
  parseEventPayload,
  type SaleCreditedPayload,
  type TransactionRecordedPayload,
} from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import { claimWithdrawn } from '../domain/claim-offer.js';
import type { CustomerErasure } from '../store/customer-erasure.js';
import { loyaltyBlockOf, type ReceiptLoyalty } from '../store/receipt-loyalty.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import type { SalesRollups } from '../store/sales-rollups.js';
import { eraseCustomer, type EraseCustomerDeps } from '../use-cases/erase-customer.js';
import { followUpClaim } from '../use-cases/follow-up-claim.js';
import { type FollowUpSalesDeps, followUpRecordedSales } from '../use-cases/follow-up-recorded-sales.js';
import type { EmailDeliveries } from './email-deliveries.js';

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
  erasureOutcomes: EraseCustomerDeps['erasureOutcomes'];
  loyalty: ReceiptLoyalty;
  /** The daily figures of the back office's dashboard, added to once per event. */
  rollups: SalesRollups;
  /** The till's data quality per store and cashier, counted once per sale (a batch's together). */
  countContactQuality?: FollowUpSalesDeps['countContactQuality'];
  /** A return's sale says it was returned (set once at the till, made sure of by the return's event). */
  returnedSales?: FollowUpSalesDeps['returnedSales'];
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
        const parsed = events.map((event) => parsedOrError('transaction.recorded', event.payload));
        const sales = parsed.filter((sale): sale is TransactionRecordedPayload => !(sale instanceof Error));
        const followed = await followUpRecordedSales(deps, sales);
        let next = 0;
        return parsed.map((sale) => (sale instanceof Error ? sale : followed[next++]));
      },
    },
    // In batches too. A replay meets the block's `_id` (the receipt id) taken: the first outcome stays.
    'sale.credited': {
      replays: 'handler',
      handleBatch: async (events) => {
        const parsed = events.map((event) => parsedOrError('sale.credited', event.payload));
        const told = parsed.filter((payload): payload is SaleCreditedPayload => !(payload instanceof Error));
        const recorded = await deps.loyalty.recordAll(told, deps.clock());
        // Each answer wakes its sale's e-mail, waiting delayed for it, with the block in its data
        // (a block refused by the database is not told: the event is retried). A replay changes
        // nothing: a job that has its block keeps it, and an answer left in Redis is set once.
        const stored = told.filter((_, index) => recorded[index] === undefined);
        const tillEmails = await deps.emails.loyaltyTold(
          stored.map((payload) => ({ receiptId: payload.receiptId, block: loyaltyBlockOf(payload) })),
        );
        const hasTillEmail = new Set(stored.filter((_, index) => tillEmails[index]).map((p) => p.receiptId));
        // A withdrawn claim code leaves the day's claimable sales (once: see sales-rollups.ts). A
        // sale with a till e-mail had an address at the till, so no claim code: nothing to read.
        for (const [index, payload] of told.entries())
          if (
            recorded[index] === undefined &&
            !hasTillEmail.has(payload.receiptId) &&
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
      await followUpClaim(deps, parseEventPayload('receipt.claimed', event.payload));
    },
    'customer.erased': async (event, { logger }) => {
      const erasure = parseEventPayload('customer.erased', event.payload);
      const counts = await eraseCustomer(deps, erasure);
      logger.info(counts, 'customer erased from receipts');
      // Retried with backoff until the dispatcher has sent the events still in those documents.
      if (counts.waiting > 0) throw new Error(`${counts.waiting} documents still have events to send`);
    },
  };
}

/** The payload of an event, or the error that refused it, so that one bad event fails alone. */
function parsedOrError<TType extends keyof EventPayloads>(
  type: TType,
  payload: unknown,
): EventPayloads[TType] | Error {
  try {
    return parseEventPayload(type, payload);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
