import { guardedUpsert, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  type ContactQualityFigures,
  contactQualityCounters,
  emptyContactQuality,
} from '../domain/contact-quality.js';
import { utcDay } from '../domain/sales-rollup.js';
import type { ProtectedValue } from '../domain/customer-protection.js';
import { DAY_WRITE_WINDOW_MS, guardedCounterWrites } from './guarded-counter-writes.js';
import type { TransactionDocument } from './transactions-model.js';

/** How long the first count of a store's day waits for others to share its update. */

/**
 * One store's till data quality of one day (UTC): the day's counters at the top, and the same per
 * cashier in `cashiers` (a store's cashiers: a few dozen keys at most). Kept like `sales_rollups`:
 * a guarded `$inc` whose keys join `counted` in the same update, so a redelivered event changes
 * nothing; the sales of one store's day counted at once share that update. Read by `month`, a
 * top-level equality.
 */
export interface ContactQualityRollupDocument extends ContactQualityFigures {
  _id: string;
  tenantId: string;
  storeId: string;
  day: string;
  month: string;
  cashiers: Record<string, ContactQualityFigures>;
  counted: string[];
  updatedAt: Date;
}

const schema = new Schema<ContactQualityRollupDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    storeId: { type: String, required: true },
    day: { type: String, required: true },
    month: { type: String, required: true },
    cashiers: { type: Schema.Types.Mixed, default: {} },
    counted: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
    ...Object.fromEntries(contactQualityCounters.map((name) => [name, { type: Number, default: 0 }])),
  },
  { collection: 'contact_quality_rollups', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, month: 1 });

/** What the consumer reads of a recorded transaction: where, when, who rang it up, the e-mail as stored. */
export interface TillContactFacts {
  tenantId: string;
  storeId: string;
  occurredAt: Date;
  type: 'sale' | 'return';
  cashierId: string | null;
  email: ProtectedValue | null;
}

export interface StoreDayQuality extends ContactQualityFigures {
  storeId: string;
  day: string;
  cashiers: Record<string, ContactQualityFigures>;
}

/** A transaction as the consumer already read it (the sales rollup's projection). */
export type KnownTransaction = Pick<
  TransactionDocument,
  'tenantId' | 'storeId' | 'occurredAt' | 'type' | 'payload' | 'customer'
>;

export function tillContactFacts(found: KnownTransaction): TillContactFacts {
  const cashierId = (found.payload as { cashierId?: unknown } | undefined)?.cashierId;
  return {
    tenantId: found.tenantId,
    storeId: found.storeId,
    occurredAt: found.occurredAt,
    type: found.type,
    cashierId: typeof cashierId === 'string' ? cashierId : null,
    email: found.customer?.email ?? null,
  };
}

/** One sale's contribution to its store's day and cashier. */
export interface SaleQuality {
  transactionId: string;
  facts: TillContactFacts;
  cashier: string;
  contribution: ContactQualityFigures;
}

export interface ContactQualityRollups {
  readFacts(transactionId: string): Promise<TillContactFacts | null>;
  /** Adds a sale's contribution to its store's day and cashier, once per transaction id. */
  record(
    transactionId: string,
    facts: TillContactFacts,
    cashier: string,
    contribution: ContactQualityFigures,
  ): Promise<boolean>;
  /**
   * `record` for the sales of one batch: those of one store and day in one update (their keys all
   * new, else one update each). Per sale, whether it counted now, or the error that stopped it.
   */
  recordAll(items: readonly SaleQuality[]): Promise<(boolean | Error)[]>;
  read(query: {
    tenantId: string;
    storeIds: readonly string[] | null;
    from: string;
    to: string;
  }): Promise<StoreDayQuality[]>;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const at = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (at.toISOString().slice(0, 7) <= to.slice(0, 7)) {
    months.push(at.toISOString().slice(0, 7));
    at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return months;
}

export function contactQualityRollups(
  connection: Connection,
  Transactions: Model<TransactionDocument>,
  clock: () => Date,
  windowMs = DAY_WRITE_WINDOW_MS,
): ContactQualityRollups {
  const Rollups = modelOn(connection, 'ContactQualityRollup', schema);
  const dayOf = (facts: TillContactFacts) => utcDay(facts.occurredAt);
  const documentIdOf = (facts: TillContactFacts) => `${facts.tenantId}|${facts.storeId}|${dayOf(facts)}`;
  type Keyed = SaleQuality & { key: string };
  const updateOf = (items: readonly Keyed[]) => {
    const inc: Record<string, number> = {};
    for (const { cashier, contribution } of items)
      for (const name of contactQualityCounters) {
        inc[name] = (inc[name] ?? 0) + contribution[name];
        const perCashier = `cashiers.${cashier}.${name}`;
        inc[perCashier] = (inc[perCashier] ?? 0) + contribution[name];
      }
    const { facts } = items[0]!;
    const day = dayOf(facts);
    return {
      $inc: inc,
      $push: { counted: items.length === 1 ? items[0]!.key : { $each: items.map(({ key }) => key) } },
      $set: { updatedAt: clock() },
      $setOnInsert: { tenantId: facts.tenantId, storeId: facts.storeId, day, month: day.slice(0, 7) },
    };
  };
  const guardedUpdate = (_id: string, guard: object, update: object) =>
    guardedUpsert(Rollups, { _id, ...guard }, update);
  // The sales of one store's day counted at once share one update, as the sales rollups' do.
  const days = guardedCounterWrites<Keyed>({
    windowMs,
    together: (_id, items) =>
      guardedUpdate(_id, { counted: { $nin: items.map(({ key }) => key) } }, updateOf(items)),
    alone: (_id, item) => guardedUpdate(_id, { counted: { $ne: item.key } }, updateOf([item])),
  });
  const recordAll = async (items: readonly SaleQuality[]): Promise<(boolean | Error)[]> => {
    const outcomes: (boolean | Error)[] = items.map(() => false);
    const byDay = new Map<string, { indexes: number[]; keyed: Keyed[] }>();
    for (const [index, item] of items.entries()) {
      const _id = documentIdOf(item.facts);
      const group = byDay.get(_id) ?? { indexes: [], keyed: [] };
      group.indexes.push(index);
      group.keyed.push({ ...item, key: `t:${item.transactionId}` });
      byDay.set(_id, group);
    }
    await Promise.all(
      [...byDay].map(async ([_id, { indexes, keyed }]) => {
        try {
          const counted = await days.add(_id, keyed);
          indexes.forEach((index, n) => (outcomes[index] = counted[n]!));
        } catch (error) {
          const failed = error instanceof Error ? error : new Error(String(error));
          for (const index of indexes) outcomes[index] = failed;
        }
      }),
    );
    return outcomes;
  };
  return {
    async readFacts(id) {
      const found = await Transactions.findById(id, {
        tenantId: 1,
        storeId: 1,
        occurredAt: 1,
        type: 1,
        'payload.cashierId': 1,
        'customer.email': 1,
      }).lean<
        Pick<TransactionDocument, 'tenantId' | 'storeId' | 'occurredAt' | 'type' | 'payload' | 'customer'>
      >();
      if (!found) return null;
      const cashierId = (found.payload as { cashierId?: unknown } | undefined)?.cashierId;
      return {
        tenantId: found.tenantId,
        storeId: found.storeId,
        occurredAt: found.occurredAt,
        type: found.type,
        cashierId: typeof cashierId === 'string' ? cashierId : null,
        email: found.customer?.email ?? null,
      };
    },
    async record(transactionId, facts, cashier, contribution) {
      const [outcome] = await recordAll([{ transactionId, facts, cashier, contribution }]);
      if (outcome instanceof Error) throw outcome;
      return outcome!;
    },
    recordAll,
    async read({ tenantId, storeIds, from, to }) {
      const rows: StoreDayQuality[] = [];
      for (const month of monthsBetween(from, to)) {
        const found = await Rollups.find({ tenantId, month }, { counted: 0 }).lean().exec();
        for (const row of found)
          if (row.day >= from && row.day <= to && (storeIds === null || storeIds.includes(row.storeId)))
            rows.push({
              storeId: row.storeId,
              day: row.day,
              cashiers: row.cashiers,
              ...Object.fromEntries(
                contactQualityCounters.map((name) => [name, row[name] ?? emptyContactQuality()[name]]),
              ),
            } as StoreDayQuality);
      }
      return rows;
    },
  };
}
