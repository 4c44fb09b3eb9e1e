import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, Schema } from 'mongoose';
import type { CustomerDayCounters, CustomerFacts } from '../domain/kpis/customer-facts.js';

/** One customer (live profile) of one tenant: `_id` `<tenantId>:<profileId>`. Bounded (see CustomerFacts). */
export interface CustomerFactsDocument extends CustomerFacts {
  _id: string;
  tenantId: string;
  profileId: string;
  computedAt: Date;
}

/**
 * "Compute this again": an event touched a profile (`p:<profileId>`) or an observation whose
 * profiles are only known once it is linked (`o:<observationId>`). One per event and thing
 * touched, `_id` `<tenantId>|<p|o>:<ref>|<eventId>`: the same event delivered again meets its mark
 * taken (or marks again once it was computed, which computes the same facts), and a refresh
 * removes exactly the marks it read, never one written while it computed.
 */
export interface CustomerFactsMarkDocument {
  _id: string;
  tenantId: string;
  kind: 'profile' | 'observation';
  ref: string;
  eventId: string;
  markedAt: Date;
}

/** One UTC day of a tenant's customer counters: `_id` `<tenantId>:<YYYY-MM-DD>`, read by `{ tenantId, month }`. */
export interface CustomerDayDocument extends CustomerDayCounters {
  _id: string;
  tenantId: string;
  month: string;
  day: string;
}

/** When a tenant's day counters were last built from the facts (`_id` the tenant). */
export interface CustomerDaysBuildDocument {
  _id: string;
  asOf: string;
  builtAt: Date;
  customers: number;
  days: number;
}

const options = (collection: string) => ({ collection, versionKey: false as const, minimize: false });

const factsSchema = new Schema<CustomerFactsDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileId: { type: String, required: true },
    computedAt: { type: Date, required: true },
    firstPurchaseAt: { type: Date, required: true },
    lastPurchaseAt: { type: Date, required: true },
    firstDay: { type: String, required: true },
    secondDay: { type: String, default: null },
    purchases: { type: Number, required: true },
    returns: { type: Number, required: true },
    revenue: { type: Number, required: true },
    currency: { type: String, default: null },
    channels: { type: Schema.Types.Mixed, required: true },
    crossChannel: { type: Boolean, required: true },
    days: { type: Schema.Types.Mixed, required: true },
  },
  options('customer_facts'),
);
factsSchema.index({ tenantId: 1 });

const markSchema = new Schema<CustomerFactsMarkDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    ref: { type: String, required: true },
    eventId: { type: String, required: true },
    markedAt: { type: Date, required: true },
  },
  options('customer_facts_marks'),
);

const daySchema = new Schema<CustomerDayDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    month: { type: String, required: true },
    day: { type: String, required: true },
    purchases: { type: Number, required: true },
    gaps: { type: Schema.Types.Mixed, required: true },
    crossChannelGaps: { type: Schema.Types.Mixed, required: true },
    newCustomers: { type: Number, required: true },
    repeat30: { type: Number, required: true },
    repeat90: { type: Number, required: true },
    cohortPurchases: { type: Number, required: true },
    cohortRevenue: { type: Number, required: true },
    cohortCustomerDays: { type: Number, required: true },
  },
  options('customer_days'),
);
daySchema.index({ tenantId: 1, month: 1 });
daySchema.index({ tenantId: 1 });

const buildSchema = new Schema<CustomerDaysBuildDocument>(
  {
    _id: { type: String, required: true },
    asOf: { type: String, required: true },
    builtAt: { type: Date, required: true },
    customers: { type: Number, required: true },
    days: { type: Number, required: true },
  },
  options('customer_days_builds'),
);

export const customerFactsId = (tenantId: string, profileId: string) => `${tenantId}:${profileId}`;
const markId = (mark: Omit<CustomerFactsMarkDocument, '_id' | 'markedAt'>) =>
  `${mark.tenantId}|${mark.kind === 'profile' ? 'p' : 'o'}:${mark.ref}|${mark.eventId}`;

export interface CustomerFactsStore {
  /** Marks profiles or observations to compute again (one `insertMany`; a mark already there stays). */
  mark(marks: readonly Omit<CustomerFactsMarkDocument, '_id' | 'markedAt'>[], at: Date): Promise<void>;
  /** Up to `limit` marks, oldest id first. */
  marks(limit: number): Promise<CustomerFactsMarkDocument[]>;
  /** Whether any mark is waiting: one `find` of one `_id`, nothing read when there is none. */
  anyMarked(): Promise<boolean>;
  /** Removes the marks read (one command). */
  unmark(seen: readonly CustomerFactsMarkDocument[]): Promise<void>;
  get(tenantId: string, profileId: string): Promise<CustomerFactsDocument | null>;
  put(facts: CustomerFactsDocument): Promise<void>;
  remove(tenantId: string, profileId: string): Promise<void>;
  /** Every customer's facts of a tenant, a batch at a time (the nightly builds read them all). */
  eachOf(tenantId: string, visit: (facts: CustomerFactsDocument) => void): Promise<number>;
  /** When the tenant's day counters were last built; null: never. */
  builtAt(tenantId: string): Promise<Date | null>;
  /** The tenants with customer facts. */
  tenants(): Promise<string[]>;
  /** Replaces a tenant's day counters with `days` (and drops the days no longer in it). */
  putDays(
    tenantId: string,
    days: ReadonlyMap<string, CustomerDayCounters>,
    build: Omit<CustomerDaysBuildDocument, '_id'>,
  ): Promise<void>;
  /** The day counters of the months `from`…`to` touch (one indexed read per month), and the last build. */
  readDays(
    tenantId: string,
    from: string,
    to: string,
  ): Promise<{ days: CustomerDayDocument[]; build: CustomerDaysBuildDocument | null }>;
}

/** `YYYY-MM` of every month from `from` to `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export function customerFactsStore(connection: Connection): CustomerFactsStore {
  const Facts = modelOn(connection, 'CustomerFacts', factsSchema);
  const Marks = modelOn(connection, 'CustomerFactsMark', markSchema);
  const Days = modelOn(connection, 'CustomerDay', daySchema);
  const Builds = modelOn(connection, 'CustomerDaysBuild', buildSchema);
  return {
    async mark(marks, at) {
      const byId = new Map(marks.map((m) => [markId(m), m]));
      const documents = [...byId].map(([_id, m]) => ({ _id, ...m, markedAt: at }));
      if (documents.length === 0) return;
      try {
        await Marks.collection.insertMany(documents as never[], { ordered: false });
      } catch (error) {
        // Marked before by the same event, and not computed yet: that mark will do.
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    marks: async (limit) => await Marks.find({}).sort({ _id: 1 }).limit(limit).lean().exec(),
    anyMarked: async () => (await Marks.findOne({}, { _id: 1 }).lean().exec()) !== null,
    async unmark(seen) {
      if (seen.length > 0) await Marks.deleteMany({ _id: { $in: seen.map((m) => m._id) } });
    },
    get: async (tenantId, profileId) =>
      await Facts.findById(customerFactsId(tenantId, profileId)).lean().exec(),
    async put(facts) {
      await Facts.replaceOne({ _id: facts._id }, facts, { upsert: true });
    },
    async remove(tenantId, profileId) {
      await Facts.deleteOne({ _id: customerFactsId(tenantId, profileId) });
    },
    async eachOf(tenantId, visit) {
      let count = 0;
      for await (const facts of Facts.find({ tenantId }).lean().batchSize(1000).cursor()) {
        visit(facts);
        count += 1;
      }
      return count;
    },
    builtAt: async (tenantId) =>
      (await Builds.findById(tenantId, { builtAt: 1 }).lean().exec())?.builtAt ?? null,
    async tenants() {
      const found: unknown[] = await Facts.distinct('tenantId');
      return found.filter((t): t is string => typeof t === 'string').sort();
    },
    async putDays(tenantId, days, build) {
      const documents = [...days].map(([day, counters]) => ({
        _id: `${tenantId}:${day}`,
        tenantId,
        month: day.slice(0, 7),
        day,
        ...counters,
      }));
      const ids = new Set(documents.map((d) => d._id));
      // One command per 500 days (two years of a tenant's days are two or three).
      for (let start = 0; start < documents.length; start += 500)
        await Days.bulkWrite(
          documents.slice(start, start + 500).map((document) => ({
            replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
          })),
          { ordered: false },
        );
      const previous = await Days.find({ tenantId }, { _id: 1 }).lean().exec();
      const stale = previous.map((d) => d._id).filter((id) => !ids.has(id));
      if (stale.length > 0) await Days.deleteMany({ _id: { $in: stale } });
      await Builds.replaceOne({ _id: tenantId }, { _id: tenantId, ...build }, { upsert: true });
    },
    async readDays(tenantId, from, to) {
      const months = await Promise.all(
        monthsBetween(from, to).map(async (month) => await Days.find({ tenantId, month }).lean().exec()),
      );
      const days = months.flat().filter((d) => d.day >= from && d.day <= to);
      return { days, build: await Builds.findById(tenantId).lean().exec() };
    },
  };
}
