import type { TransactionRecordedPayload } from '@scontrino/contracts';
import type { EmailDeliveries, EnqueueInput } from '../jobs/email-deliveries.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import type { ReturnLinks } from '../store/return-reservations.js';
import { carriedSale } from '../store/receipts.js';
import type { KnownTransaction } from '../store/contact-quality-rollups.js';
import type { RecordedTransaction, SalesRollups } from '../store/sales-rollups.js';

export interface FollowUpSalesDeps {
  recipients: Pick<ReceiptRecipients, 'ofTill'>;
  emails: Pick<EmailDeliveries, 'enqueueAll'>;
  /** The daily figures of the back office's dashboard, added to once per sale. */
  rollups: Pick<SalesRollups, 'readTransaction' | 'recordTransactions'>;
  /**
   * Counts each sale's e-mail in its store's and cashier's data quality (once per sale), the sales
   * of one batch together: per sale, the error that stopped it, if any.
   */
  countContactQuality?: (
    sales: readonly { transactionId: string; known: KnownTransaction | null }[],
  ) => Promise<readonly (boolean | Error)[]>;
  /** A return's sale says it was returned: set once at the till, made sure of here. */
  returnedSales?: Pick<ReturnLinks, 'confirmReturned'>;
  /** How long a card sale's email waits for its loyalty block (LOYALTY_BLOCK_WAIT_MS). */
  loyaltyWaitMs: number;
}

/**
 * What follows recorded sales and returns (`transaction.recorded`, the ones handled at once): each
 * is counted once in its store's day (the sales of one store and day in one update), and when the till asked for an e-mail receipt its delivery
 * is queued, all of them in one insert, its job carrying the sale as read here. A card sale's
 * email waits for its loyalty block; opting out is checked when sending, as it may change while
 * the job waits. A return makes sure its sale says it was returned. Answers, per sale, the error
 * that stopped it or undefined.
 */
export async function followUpRecordedSales(
  deps: FollowUpSalesDeps,
  sales: readonly TransactionRecordedPayload[],
): Promise<(Error | undefined)[]> {
  const outcomes: (Error | undefined)[] = sales.map(() => undefined);
  const fail = (index: number, error: unknown) => {
    outcomes[index] = error instanceof Error ? error : new Error(String(error));
  };
  // One read for all three: the rollup's facts, the till's recipient, what the receipt shows.
  const read: (RecordedTransaction | null)[] = sales.map(() => null);
  await inSlices(sales, async (sale, index) => {
    try {
      read[index] = await deps.rollups.readTransaction(sale.id);
    } catch (error) {
      fail(index, error);
    }
  });
  // Counted once however often the event comes (see sales-rollups.ts), a store's day once a
  // batch: its figures, and the till's data quality from the same read (side by side).
  const readable = sales.flatMap((sale, index) => (outcomes[index] ? [] : [index]));
  const [counted, quality] = await Promise.all([
    deps.rollups.recordTransactions(
      readable.map((index) => ({ id: sales[index]!.id, transaction: read[index]! })),
    ),
    deps.countContactQuality?.(
      readable.map((index) => ({ transactionId: sales[index]!.id, known: read[index] ?? null })),
    ),
  ]);
  readable.forEach((index, n) => {
    for (const outcome of [counted[n], quality?.[n]]) if (outcome instanceof Error) fail(index, outcome);
  });

  const wanted: { index: number; input: EnqueueInput }[] = [];
  await inSlices(sales, async (sale, index) => {
    if (outcomes[index]) return;
    try {
      const transaction = read[index] ?? null;
      // The till set it once; a concurrent update of the sale may have lost it since.
      if (transaction?.type === 'return' && transaction.original)
        await deps.returnedSales?.confirmReturned(transaction.original.id);
      const recipient = await deps.recipients.ofTill(sale.receiptId, transaction);
      if (!recipient?.requested) return;
      const namesCard = sale.type === 'sale' && sale.identifiers.some(({ type }) => type === 'card');
      wanted.push({
        index,
        input: {
          receiptId: sale.receiptId,
          email: recipient.email,
          to: 'till',
          loyaltyWaitMs: namesCard ? deps.loyaltyWaitMs : 0,
          // What the receipt shows of it, so the e-mail does not read the sale again.
          ...(transaction && { sale: carriedSale(transaction) }),
        },
      });
    } catch (error) {
      fail(index, error);
    }
  });
  const enqueued = await deps.emails.enqueueAll(wanted.map(({ input }) => input));
  wanted.forEach(({ index }, i) => {
    const outcome = enqueued[i];
    if (outcome instanceof Error) outcomes[index] = outcome;
  });
  return outcomes;
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
