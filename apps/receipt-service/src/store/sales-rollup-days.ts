import { setTimeout as sleep } from 'node:timers/promises';
import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import { emptyFigures, rollupCounters, type RollupFigures } from '../domain/sales-rollup.js';

/**
 * A brand's figures of one day, its stores summed: what the dashboard of a whole brand reads (a
 * year is 365 of these rather than 365 × its stores' days). Derived, never added to: a summary is
 * the sum of that day's store documents (`sales_rollups`) as they were at `summedFrom`.
 *
 * How it stays right without a transaction: every event the rollups' consumer handles, counted or
 * replayed, then marks its brand's day (`sales_rollup_marks`, `markedAt`) after writing the
 * store's day. A summary whose day was marked at or after its `summedFrom` (less a margin for the
 * replicas' clocks) is stale and summed again from the stores when it is read. A mark comes after
 * its store write, and a sum reads the stores after `summedFrom`, so an event a sum missed always
 * leaves a mark newer than it. Marks and summaries are separate documents: a summary's write
 * never overwrites a mark. A mark is dated a few seconds ahead (`MARK_AHEAD_MS`): until then, it
 * is newer than every store write of its day that follows it, which then needs no mark of its own.
 */
export interface SalesRollupDayDocument extends RollupFigures {
  _id: string;
  tenantId: string;
  day: string;
  month: string;
  /** How many stores had figures that day. */
  stores: number;
  summedFrom: Date;
}

export interface SalesRollupMarkDocument {
  _id: string;
  tenantId: string;
  day: string;
  month: string;
  markedAt: Date;
}

/** How long a mark waits for others of its brand day to share its write. */
const MARK_WINDOW_MS = 10;

/**
 * How far ahead a mark is dated: the store writes this process makes to the brand day until then
 * need no mark of their own (see `mark`). A brand's summary of the day is summed again by the
 * reads within this (and `CLOCK_MARGIN_MS`) of its last mark, as today's is anyway.
 */
export const MARK_AHEAD_MS = 5_000;

/** Marks this close to a sum's start count as after it: the replicas' clocks may differ a little. */
export const CLOCK_MARGIN_MS = 5_000;

const daySchema = new Schema<SalesRollupDayDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    day: { type: String, required: true },
    month: { type: String, required: true },
    stores: { type: Number, required: true },
    summedFrom: { type: Date, required: true },
    ...Object.fromEntries(rollupCounters.map((name) => [name, { type: Number, default: 0 }])),
  },
  { collection: 'sales_rollup_days', versionKey: false, minimize: false },
);
daySchema.index({ tenantId: 1, month: 1 });

const markSchema = new Schema<SalesRollupMarkDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    day: { type: String, required: true },
    month: { type: String, required: true },
    markedAt: { type: Date, required: true },
  },
  { collection: 'sales_rollup_marks', versionKey: false },
);
markSchema.index({ tenantId: 1, month: 1 });

export function salesRollupDayModel(connection: Connection): Model<SalesRollupDayDocument> {
  return modelOn(connection, 'SalesRollupDay', daySchema);
}

export function salesRollupMarkModel(connection: Connection): Model<SalesRollupMarkDocument> {
  return modelOn(connection, 'SalesRollupMark', markSchema);
}

export const brandDayId = (tenantId: string, day: string) => `${tenantId}|${day}`;

export interface BrandDayFigures extends RollupFigures {
  day: string;
}

export interface SalesRollupDays {
  /**
   * Marks a brand's day as changed (after its store's day was written). The mark is dated
   * `MARK_AHEAD_MS` ahead, and until then this process's later store writes of that day mark
   * nothing: a mark already there and dated after them makes any sum that missed them stale.
   */
  mark(tenantId: string, day: string): Promise<void>;
  /** The brand's figures of each day in `months` from `from` to `to`, summing again the stale ones. */
  read(query: {
    tenantId: string;
    months: readonly string[];
    from: string;
    to: string;
  }): Promise<BrandDayFigures[]>;
}

/** What a summary needs of the stores' days: `sumDay` reads one brand day's store documents. */
export type SumDay = (tenantId: string, day: string) => Promise<RollupFigures[]>;

export function salesRollupDays(
  Days: Model<SalesRollupDayDocument>,
  Marks: Model<SalesRollupMarkDocument>,
  sumDay: SumDay,
  clock: () => Date,
): SalesRollupDays {
  const figuresOf = (document: Partial<RollupFigures>): RollupFigures =>
    Object.fromEntries(rollupCounters.map((name) => [name, document[name] ?? 0])) as RollupFigures;

  async function summarise(tenantId: string, day: string): Promise<RollupFigures> {
    const summedFrom = clock();
    const stores = await sumDay(tenantId, day);
    const total = emptyFigures();
    for (const figures of stores) for (const name of rollupCounters) total[name] += figures[name];
    const _id = brandDayId(tenantId, day);
    const summary = { tenantId, day, month: day.slice(0, 7), stores: stores.length, summedFrom, ...total };
    try {
      // Never over a sum that started later (two readers summing the same day at once).
      await Days.updateOne({ _id, summedFrom: { $lt: summedFrom } }, { $set: summary }, { upsert: true });
    } catch (error) {
      // The later sum is there already.
      if (!isDuplicateKeyError(error)) throw error;
    }
    return total;
  }

  /** Per brand day, until when the last mark this process wrote holds (see `mark`). */
  const markedUntil = new Map<string, number>();

  async function markNow(_id: string, tenantId: string, day: string): Promise<void> {
    const until = new Date(clock().getTime() + MARK_AHEAD_MS);
    // Never back: a mark written later from an older clock reading (a slow write) keeps the newer.
    const update = { $set: { tenantId, day, month: day.slice(0, 7) }, $max: { markedAt: until } };
    try {
      await Marks.updateOne({ _id }, update, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await Marks.updateOne({ _id }, update);
    }
    markedUntil.set(_id, until.getTime());
    // A few brand days are written to at a time (today's, at midnight yesterday's too).
    if (markedUntil.size > 1_000) markedUntil.delete(markedUntil.keys().next().value!);
  }

  // The marks of one brand day asked for within a few milliseconds share one write: a caller
  // joins a write that has not started yet (it starts after the caller's store write, which is
  // all a mark must follow), so a batch of a day's events costs one mark, not one each.
  const waiting = new Map<string, Promise<void>>();
  function coalesced(_id: string, write: () => Promise<void>): Promise<void> {
    const joined = waiting.get(_id);
    if (joined) return joined;
    const next = sleep(MARK_WINDOW_MS).then(() => {
      waiting.delete(_id);
      return write();
    });
    waiting.set(_id, next);
    return next;
  }

  return {
    mark(tenantId, day) {
      const _id = brandDayId(tenantId, day);
      // A mark this process wrote that is still ahead of now covers a store write just done.
      if (clock().getTime() <= (markedUntil.get(_id) ?? -Infinity)) return Promise.resolve();
      return coalesced(_id, () => markNow(_id, tenantId, day));
    },
    async read({ tenantId, months, from, to }) {
      const [summaries, marks] = await Promise.all([
        Promise.all(months.map((month) => Days.find({ tenantId, month }).lean<SalesRollupDayDocument[]>())),
        Promise.all(months.map((month) => Marks.find({ tenantId, month }).lean<SalesRollupMarkDocument[]>())),
      ]);
      const byDay = new Map<string, BrandDayFigures>();
      const summedFrom = new Map<string, number>();
      for (const summary of summaries.flat())
        if (summary.day >= from && summary.day <= to) {
          byDay.set(summary.day, { day: summary.day, ...figuresOf(summary) });
          summedFrom.set(summary.day, summary.summedFrom.getTime());
        }
      const stale = marks
        .flat()
        .filter(({ day }) => day >= from && day <= to)
        .filter(({ day, markedAt }) => {
          const summed = summedFrom.get(day);
          return summed === undefined || markedAt.getTime() >= summed - CLOCK_MARGIN_MS;
        })
        .map(({ day }) => day);
      // A few at a time: each reads the day's store documents.
      for (let start = 0; start < stale.length; start += 4)
        await Promise.all(
          stale.slice(start, start + 4).map(async (day) => {
            byDay.set(day, { day, ...(await summarise(tenantId, day)) });
          }),
        );
      return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    },
  };
}
