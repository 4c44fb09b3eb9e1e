import type { ReceiptClaimedPayload, TransactionRecordedPayload } from '@scontrino/contracts';
import { isDuplicateKeyError, oneWriterPerDocument, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  claimContribution,
  type RecordedTransactionFacts,
  recordedContribution,
  rollupCounters,
  type RollupFigures,
  rollupId,
  sumFigures,
  utcDay,
  withdrawalContribution,
} from '../domain/sales-rollup.js';
import { transactionIdOfReceipt } from '../domain/ids.js';
import type { TransactionDocument } from './transactions-model.js';

/**
 * One store's figures of one day (UTC), kept by the receipt service's own consumer of its
 * `transaction.recorded` and `receipt.claimed` events. The counters are top-level fields, added to
 * with `$inc` in the same single-document update that records the event's key in `counted`, and
 * only when `counted` does not hold it yet: a redelivered event matches no document and changes
 * nothing, and an event is never half-applied (one document, one atomic update, no transaction).
 * `counted` holds one key per sale and claim of that store and day, so it is bounded by a day's
 * trade; adding to the counters (rather than recomputing the day from its sales on every event)
 * costs one write per event, and survives the retention purge of old sales.
 *
 * Read by `month` (`YYYY-MM`), a top-level field with plain equality, which the local database
 * pushes down to an index; a date range is a few months, filtered to its days in memory.
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
  /** Each store's figures of each day from `from` to `to` (inclusive, `YYYY-MM-DD`), of one tenant, optionally some stores. */
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

export function salesRollups(
  Rollups: Model<SalesRollupDocument>,
  Transactions: Model<TransactionDocument>,
  clock: () => Date,
): SalesRollups {
  // The inbox handles several events at once, and a busy store's sales share one day's document.
  const writers = oneWriterPerDocument();
  const apply = async (
    transaction: Pick<TransactionDocument, 'tenantId' | 'storeId' | 'occurredAt'>,
    key: string,
    contribution: Partial<RollupFigures>,
  ): Promise<boolean> => {
    const day = utcDay(transaction.occurredAt);
    const _id = rollupId(transaction.tenantId, transaction.storeId, day);
    const update = {
      $inc: contribution,
      $push: { counted: key },
      $set: { updatedAt: clock() },
      $setOnInsert: {
        tenantId: transaction.tenantId,
        storeId: transaction.storeId,
        day,
        month: day.slice(0, 7),
      },
    };
    return writers.run(_id, () => guardedUpdate(_id, { counted: { $ne: key } }, update));
  };
  /** The update, applied only while the filter holds; upserting the day's document when there is none. */
  const guardedUpdate = async (_id: string, guard: object, update: object): Promise<boolean> => {
    try {
      const result = await Rollups.updateOne({ _id, ...guard }, update, { upsert: true });
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      // The day's document exists (a key is in it, or another replica created it meanwhile):
      // the same guarded update without upsert tells which.
      if (!isDuplicateKeyError(error)) throw error;
      const again = await Rollups.updateOne({ _id, ...guard }, update);
      return again.modifiedCount > 0;
    }
  };
  /**
   * Several transactions of one store and day: one update adding them all while none of their
   * keys is counted (`$nin`); when some is (a replay among them), one update each.
   */
  const applyMany = async (
    transaction: Pick<TransactionDocument, 'tenantId' | 'storeId' | 'occurredAt'>,
    keyed: readonly { key: string; contribution: Partial<RollupFigures> }[],
  ): Promise<boolean[]> => {
    const day = utcDay(transaction.occurredAt);
    const _id = rollupId(transaction.tenantId, transaction.storeId, day);
    const keys = keyed.map(({ key }) => key);
    const update = {
      $inc: sumFigures(keyed.map(({ contribution }) => contribution)),
      $push: { counted: { $each: keys } },
      $set: { updatedAt: clock() },
      $setOnInsert: {
        tenantId: transaction.tenantId,
        storeId: transaction.storeId,
        day,
        month: day.slice(0, 7),
      },
    };
    const together = await writers.run(_id, () => guardedUpdate(_id, { counted: { $nin: keys } }, update));
    if (together) return keyed.map(() => true);
    const each: boolean[] = [];
    for (const { key, contribution } of keyed) each.push(await apply(transaction, key, contribution));
    return each;
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
      const days = new Map<string, { transaction: RecordedTransaction; indexes: number[] }>();
      items.forEach(({ transaction }, index) => {
        if (!transaction) return;
        const dayId = rollupId(transaction.tenantId, transaction.storeId, utcDay(transaction.occurredAt));
        const found = days.get(dayId);
        if (found) found.indexes.push(index);
        else days.set(dayId, { transaction, indexes: [index] });
      });
      await Promise.all(
        [...days.values()].map(async ({ transaction, indexes }) => {
          try {
            const counted = await applyMany(
              transaction,
              indexes.map((index) => {
                const item = items[index]!;
                return {
                  key: `t:${item.id}`,
                  contribution: recordedContribution(factsOf(item.transaction!)),
                };
              }),
            );
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
      const sale = await Transactions.findById(id, { tenantId: 1, storeId: 1, occurredAt: 1 }).lean<
        Pick<TransactionDocument, 'tenantId' | 'storeId' | 'occurredAt'>
      >();
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
        'receipt.claim': 1,
      }).lean<Pick<TransactionDocument, 'tenantId' | 'storeId' | 'occurredAt' | 'receipt'>>();
      if (!sale?.receipt.claim) return false;
      return apply(sale, `w:${id}`, withdrawalContribution());
    },
    async read({ tenantId, storeIds, from, to }) {
      const filters = monthsBetween(from, to).flatMap((month) =>
        storeIds === null ? [{ tenantId, month }] : storeIds.map((storeId) => ({ tenantId, storeId, month })),
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
