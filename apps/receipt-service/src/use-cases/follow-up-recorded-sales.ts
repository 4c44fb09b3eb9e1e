import type { TransactionRecordedPayload } from '@scontrino/contracts';
import type { EmailDeliveries, EnqueueInput } from '../jobs/email-deliveries.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import { carriedSale } from '../store/receipts.js';
import type { RecordedTransaction, SalesRollups } from '../store/sales-rollups.js';

export interface FollowUpSalesDeps {
  recipients: Pick<ReceiptRecipients, 'ofTill'>;
  emails: Pick<EmailDeliveries, 'enqueueAll'>;
  /** The daily figures of the back office's dashboard, added to once per sale. */
  rollups: Pick<SalesRollups, 'readTransaction' | 'recordTransactions'>;
  /** How long a card sale's email waits for its loyalty block (LOYALTY_BLOCK_WAIT_MS). */
  loyaltyWaitMs: number;
}

/**
 * What follows recorded sales and returns (`transaction.recorded`, the ones handled at once): each
 * is counted once in its store's day (the sales of one store and day in one update), and when the till asked for an e-mail receipt its delivery
 * is queued, all of them in one insert, its job carrying the sale as read here. A card sale's
 * email waits for its loyalty block; opting out is checked when sending, as it may change while
 * the job waits. Answers, per sale, the error
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
  // Counted once however often the event comes (see sales-rollups.ts); a store's day once a batch.
  const readable = sales.flatMap((sale, index) => (outcomes[index] ? [] : [index]));
  const counted = await deps.rollups.recordTransactions(
    readable.map((index) => ({ id: sales[index]!.id, transaction: read[index]! })),
  );
  readable.forEach((index, n) => {
    const outcome = counted[n];
    if (outcome instanceof Error) fail(index, outcome);
  });

  const wanted: { index: number; input: EnqueueInput }[] = [];
  await inSlices(sales, async (sale, index) => {
    if (outcomes[index]) return;
    try {
      const transaction = read[index] ?? null;
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
