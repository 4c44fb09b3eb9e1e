import type { ReceiptClaimedPayload, TransactionRecordedPayload } from '@scontrino/contracts';
import { guardedUpsert, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  claimContribution,
  deliveryContribution,
  optOutContribution,
  type RecordedTransactionFacts,
  recordedContribution,
  rollupCounters,
  type RollupFigures,
  rollupId,
  storeDay,
  sumFigures,
  withdrawalContribution,
} from '../domain/sales-rollup.js';
import { transactionIdOfReceipt } from '../domain/ids.js';
import type { TransactionDocument } from './transactions-model.js';
import { DAY_WRITE_WINDOW_MS, guardedCounterWrites } from './guarded-counter-writes.js';
import { salesRollupDayModel, salesRollupDays, salesRollupMarkModel } from './sales-rollup-days.js';

/**
 * How long the first addition to a store's day waits for others (the e-mails sent at once, the
 * next batch of events) to share its update.
 */

/**
 * One store's figures of one day (the store's calendar day, in its time zone), kept by the receipt service's own consumer of its
 * `transaction.recorded` and `receipt.claimed` events. The counters are top-level fields, added to
 * with `$inc` in the same single-document update that records the event's key in `counted`, and
 * only when `counted` does not hold it yet: a redelivered event matches no document and changes
 * nothing, and an event is never half-applied (one document, one atomic update, no transaction).
 * `counted` holds one key per sale and claim of that store and day, so it is bounded by a day's
 * trade; adding to the counters (rather than recomputing the day from its sales on every event)
 * costs one write per event, and survives the retention purge of old sales.
 *
 * Read by `month` (`YYYY-MM`), a top-level field with plain equality, which the local database
 * pushes down to an index; a date range is a few months, filtered to its days in memory. A whole
 * brand is read from its daily summaries (sales-rollup-days.ts), each the sum of a day's store
 * documents (read by `tenantId` and `day`).
 */
export interface SalesRollupDocument extends RollupFigures {
  _id: string;
  tenantId: string;
  storeId: string;
  day: string;
  month: string;
  counted: string[];
  updatedAt: Date;
}

const salesRollupSchema = new Schema<SalesRollupDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    storeId: { type: String, required: true },
    day: { type: String, required: true },
    month: { type: String, required: true },
    counted: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
    ...Object.fromEntries(rollupCounters.map((name) => [name, { type: Number, default: 0 }])),
  },
  { collection: 'sales_rollups', versionKey: false, minimize: false },
);
salesRollupSchema.index({ tenantId: 1, month: 1 });
salesRollupSchema.index({ tenantId: 1, storeId: 1, month: 1 });
salesRollupSchema.index({ tenantId: 1, day: 1 });

export function salesRollupModel(connection: Connection): Model<SalesRollupDocument> {
  return modelOn(connection, 'SalesRollup', salesRollupSchema);
}

export interface StoreDayFigures extends RollupFigures {
  storeId: string;
  day: string;
}

export interface SalesRollups {
  /**
   * What the rollup reads of a recorded transaction (with its `customer`, which the till's
   * recipient comes from, and what its receipt shows, which its e-mail is rendered from): the
   * consumer of `transaction.recorded` reads it once for all three.
   */
  readTransaction(id: string): Promise<RecordedTransaction | null>;
  /**
   * Adds a recorded sale or return to its store's day, once. `false`: already counted (or the sale
   * is gone). `known`: the transaction as `readTransaction` just returned it, not read again.
   */
  recordTransaction(
    event: Pick<TransactionRecordedPayload, 'id'>,
    known?: RecordedTransaction | null,
  ): Promise<boolean>;
  /**
   * `recordTransaction` for the transactions of one batch, as just read (null: gone): those of one
   * store and day in one update (their keys all new, else one update each, which counts the new
   * ones). Per transaction, whether it was counted now, or the error that stopped it.
   */
  recordTransactions(
    items: readonly { id: string; transaction: RecordedTransaction | null }[],
  ): Promise<(boolean | Error)[]>;
  /** Adds a claimed receipt to its sale's day, once. */
  recordClaim(event: Pick<ReceiptClaimedPayload, 'id'>): Promise<boolean>;
  /**
   * Takes a sale printed with a claim code out of its day's claimable ones, once, when loyalty
   * told that its card's member has an e-mail (the code is withdrawn). `false`: already taken
   * out, the sale had no code, or it is gone.
   */
  recordWithdrawal(receiptId: string): Promise<boolean>;
  /**
   * Adds a receipt e-mail that reached its last state to its sale's day, once per delivery.
   * `known`: the sale's store and time when the caller has them (not read again).
   */
  recordDelivery(
    delivery: {
      deliveryId: string;
      receiptId: string;
      state: 'sent' | 'failed' | 'suppressed';
    },
    known?: RollupSale,
  ): Promise<boolean>;
  /**
   * Adds an opt-out from the link of a receipt to that sale's day, once per receipt (the key is
   * the receipt, never the address: a rollup holds no personal data).
   */
  recordOptOut(receiptId: string): Promise<boolean>;
  /**
   * Each store's figures of each day from `from` to `to` (inclusive, `YYYY-MM-DD`) of some stores
   * of one tenant; of all its stores (`storeIds` null), each day's sum, as store `*`.
   */
  read(query: {
    tenantId: string;
    storeIds: readonly string[] | null;
    from: string;
    to: string;
  }): Promise<StoreDayFigures[]>;
}

export type RecordedTransaction = Pick<
  TransactionDocument,
  | '_id'
  | 'tenantId'
  | 'storeId'
  | 'occurredAt'
  | 'type'
  | 'payload'
  | 'customer'
  | 'receipt'
  | 'transactionId'
  | 'original'
  | 'returned'
>;

/** What places an event on its store's day: the sale's store and time, and the time its till wrote. */
export type RollupSale = Pick<TransactionDocument, 'tenantId' | 'storeId' | 'occurredAt'> & {
  payload?: Pick<TransactionDocument['payload'], 'occurredAt'>;
};

function factsOf(transaction: RecordedTransaction): RecordedTransactionFacts {
  const customer = transaction.customer;
  const totals = (transaction.payload as { totals?: { total?: unknown } }).totals;
  return {
    type: transaction.type,
    total: typeof totals?.total === 'number' ? totals.total : 0,
    identified: customer !== null && Object.keys(customer).some((field) => field !== 'receiptDelivery'),
    receiptDelivery: customer?.receiptDelivery ?? [],
    hasEmail: customer?.email !== undefined && customer.email !== null,
    claimable: transaction.receipt.claim !== null,
  };
}

/** The months (`YYYY-MM`) from `from` to `to`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/** A store's IANA time zone from its profile, or null when it has none. */
export type StoreZone = (storeId: string) => Promise<string | null>;

export function salesRollups(
  Rollups: Model<SalesRollupDocument>,
  Transactions: Model<TransactionDocument>,
  clock: () => Date,
  zoneOf: StoreZone = () => Promise.resolve(null),
  windowMs = DAY_WRITE_WINDOW_MS,
): SalesRollups {
  const connection = Rollups.db;
  const brandDays = salesRollupDays(
    salesRollupDayModel(connection),
    salesRollupMarkModel(connection),
    (tenantId, day) => Rollups.find({ tenantId, day }, { counted: 0 }).lean<SalesRollupDocument[]>(),
    clock,
  );
  /** What a store's day is added: one keyed contribution of a sale, claim, e-mail or opt-out. */
  interface DayContribution {
    key: string;
    contribution: Partial<RollupFigures>;
    tenantId: string;
    storeId: string;
    day: string;
  }
  const updateOf = (items: readonly DayContribution[]) => {
    const { tenantId, storeId, day } = items[0]!;
    return {
      $inc: items.length === 1 ? items[0]!.contribution : sumFigures(items.map((item) => item.contribution)),
      $push: { counted: items.length === 1 ? items[0]!.key : { $each: items.map(({ key }) => key) } },
      $set: { updatedAt: clock() },
      $setOnInsert: { tenantId, storeId, day, month: day.slice(0, 7) },
    };
  };
  const guardedUpdate = (_id: string, guard: object, update: object) =>
    guardedUpsert(Rollups, { _id, ...guard }, update);
  // The inbox and the e-mails run several at once, and a busy store's sales share one day's
  // document: what they add to one day within a few milliseconds goes in one update (all the keys
  // new, `$nin`; else one update each, which counts the new ones), and its brand day is marked
  // once for it, counted or replayed (an event whose handler stopped before marking marks when it
  // comes again).
  const days = guardedCounterWrites<DayContribution>({
    windowMs,
    together: (_id, items) =>
      guardedUpdate(_id, { counted: { $nin: items.map(({ key }) => key) } }, updateOf(items)),
    alone: (_id, item) => guardedUpdate(_id, { counted: { $ne: item.key } }, updateOf([item])),
    after: (_id, [item]) => brandDays.mark(item!.tenantId, item!.day),
  });
  const dayOf = async (transaction: RollupSale) => {
    const day = storeDay(
      transaction.occurredAt,
      await zoneOf(transaction.storeId),
      transaction.payload?.occurredAt,
    );
    return { tenantId: transaction.tenantId, storeId: transaction.storeId, day };
  };
  const apply = async (
    transaction: RollupSale,
    key: string,
    contribution: Partial<RollupFigures>,
  ): Promise<boolean> => {
    const where = await dayOf(transaction);
    const [counted] = await days.add(rollupId(where.tenantId, where.storeId, where.day), [
      { key, contribution, ...where },
    ]);
    return counted!;
  };
  const projection = {
    tenantId: 1,
    storeId: 1,
    occurredAt: 1,
    type: 1,
    payload: 1,
    customer: 1,
    receipt: 1,
    transactionId: 1,
    original: 1,
    returned: 1,
  };
  const saleProjection = { tenantId: 1, storeId: 1, occurredAt: 1, 'payload.occurredAt': 1 };
  const readSale = (id: string) => Transactions.findById(id, saleProjection).lean<RollupSale>();
  const readTransaction = (id: string) => Transactions.findById(id, projection).lean<RecordedTransaction>();
  return {
    readTransaction,
    async recordTransaction({ id }, known) {
      const transaction = known === undefined ? await readTransaction(id) : known;
      if (!transaction) return false;
      return apply(transaction, `t:${id}`, recordedContribution(factsOf(transaction)));
    },
    async recordTransactions(items) {
      const outcomes: (boolean | Error)[] = items.map(() => false);
      // Grouped by the store's own day, the day each one counts on (a batch may straddle midnight).
      const byDay = new Map<string, { indexes: number[]; contributions: DayContribution[] }>();
      for (const [index, { id, transaction }] of items.entries()) {
        if (!transaction) continue;
        const where = await dayOf(transaction);
        const dayId = rollupId(where.tenantId, where.storeId, where.day);
        const group = byDay.get(dayId) ?? { indexes: [], contributions: [] };
        group.indexes.push(index);
        group.contributions.push({
          key: `t:${id}`,
          contribution: recordedContribution(factsOf(transaction)),
          ...where,
        });
        byDay.set(dayId, group);
      }
      await Promise.all(
        [...byDay].map(async ([dayId, { indexes, contributions }]) => {
          try {
            const counted = await days.add(dayId, contributions);
            indexes.forEach((index, n) => (outcomes[index] = counted[n]!));
          } catch (error) {
            const failed = error instanceof Error ? error : new Error(String(error));
            for (const index of indexes) outcomes[index] = failed;
          }
        }),
      );
      return outcomes;
    },
    async recordClaim({ id }) {
      const sale = await readSale(id);
      if (!sale) return false;
      return apply(sale, `c:${id}`, claimContribution());
    },
    async recordWithdrawal(receiptId) {
      const id = transactionIdOfReceipt(receiptId);
      if (id === null) return false;
      const sale = await Transactions.findById(id, {
        tenantId: 1,
        storeId: 1,
        occurredAt: 1,
        'payload.occurredAt': 1,
        'receipt.claim': 1,
      }).lean<RollupSale & Pick<TransactionDocument, 'receipt'>>();
      if (!sale?.receipt.claim) return false;
      return apply(sale, `w:${id}`, withdrawalContribution());
    },
    async recordDelivery({ deliveryId, receiptId, state }, known) {
      const id = transactionIdOfReceipt(receiptId);
      const sale = known ?? (id === null ? null : await readSale(id));
      if (!sale) return false;
      return apply(sale, `d:${deliveryId}`, deliveryContribution(state));
    },
    async recordOptOut(receiptId) {
      const id = transactionIdOfReceipt(receiptId);
      const sale = id === null ? null : await readSale(id);
      if (!sale) return false;
      return apply(sale, `o:${id}`, optOutContribution());
    },
    async read({ tenantId, storeIds, from, to }) {
      if (storeIds === null) {
        const days = await brandDays.read({ tenantId, months: monthsBetween(from, to), from, to });
        return days.map(({ day, ...figures }) => ({ storeId: '*', day, ...figures }));
      }
      const filters = monthsBetween(from, to).flatMap((month) =>
        storeIds.map((storeId) => ({ tenantId, storeId, month })),
      );
      const documents = (
        await Promise.all(
          filters.map((filter) => Rollups.find(filter, { counted: 0 }).lean<SalesRollupDocument[]>()),
        )
      ).flat();
      return documents
        .filter(({ day }) => day >= from && day <= to)
        .map((document) => ({
          storeId: document.storeId,
          day: document.day,
          ...(Object.fromEntries(rollupCounters.map((name) => [name, document[name] ?? 0])) as RollupFigures),
        }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.storeId.localeCompare(b.storeId));
    },
  };
}
