import { isDuplicateKeyError, modelOn, oneWriterPerDocument } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  type ContactQualityFigures,
  contactQualityCounters,
  emptyContactQuality,
} from '../domain/contact-quality.js';
import { utcDay } from '../domain/sales-rollup.js';
import type { ProtectedValue } from '../domain/customer-protection.js';
import type { TransactionDocument } from './transactions-model.js';

/**
 * One store's till data quality of one day (UTC): the day's counters at the top, and the same per
 * cashier in `cashiers` (a store's cashiers: a few dozen keys at most). Kept like `sales_rollups`:
 * one guarded `$inc` per event, whose key joins `counted` in the same update, so a redelivered
 * event changes nothing. Read by `month`, a top-level equality.
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

export interface ContactQualityRollups {
  readFacts(transactionId: string): Promise<TillContactFacts | null>;
  /** Adds a sale's contribution to its store's day and cashier, once per transaction id. */
  record(
    transactionId: string,
    facts: TillContactFacts,
    cashier: string,
    contribution: ContactQualityFigures,
  ): Promise<boolean>;
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
): ContactQualityRollups {
  const Rollups = modelOn(connection, 'ContactQualityRollup', schema);
  const writers = oneWriterPerDocument();
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
    record(id, facts, cashier, contribution) {
      const day = utcDay(facts.occurredAt);
      const _id = `${facts.tenantId}|${facts.storeId}|${day}`;
      const key = `t:${id}`;
      const inc: Record<string, number> = {};
      for (const name of contactQualityCounters) {
        inc[name] = contribution[name];
        inc[`cashiers.${cashier}.${name}`] = contribution[name];
      }
      const update = {
        $inc: inc,
        $push: { counted: key },
        $set: { updatedAt: clock() },
        $setOnInsert: { tenantId: facts.tenantId, storeId: facts.storeId, day, month: day.slice(0, 7) },
      };
      return writers.run(_id, async () => {
        try {
          const result = await Rollups.updateOne({ _id, counted: { $ne: key } }, update, { upsert: true });
          return result.modifiedCount + result.upsertedCount > 0;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          const again = await Rollups.updateOne({ _id, counted: { $ne: key } }, update);
          return again.modifiedCount > 0;
        }
      });
    },
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
