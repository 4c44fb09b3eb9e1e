import { guardedUpsert, modelOn, oneWriterPerDocument } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import { pointsContribution, pointsCounters, type PointsFigures } from '../domain/kpis/points-rollup.js';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import type { LedgerStore } from './ledger.js';

/**
 * One store's points figures of one day (UTC), per tenant, kept as ledger entries are written:
 * the counters are top-level fields added to with `$inc` in the single-document update that
 * records the entry's id in `counted`, and only when `counted` does not hold it yet, so an entry
 * met again (an event redelivered finds its entry by business key) adds nothing. Entries without
 * a store (expiry, returns, corrections) count in store `''`. Read by `tenantId` and `month`, top-level
 * equality the local database pushes down to an index.
 */
export interface PointsRollupDocument extends PointsFigures {
  _id: string;
  tenantId: string;
  storeId: string;
  day: string;
  month: string;
  counted: string[];
  updatedAt: Date;
}

const schema = new Schema<PointsRollupDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    storeId: { type: String, default: '' },
    day: { type: String, required: true },
    month: { type: String, required: true },
    counted: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
    ...Object.fromEntries(pointsCounters.map((name) => [name, { type: Number, default: 0 }])),
  },
  { collection: 'points_rollups', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, month: 1 });
schema.index({ tenantId: 1, storeId: 1, month: 1 });

export function pointsRollupModel(connection: Connection): Model<PointsRollupDocument> {
  return modelOn(connection, 'PointsRollup', schema);
}

export interface StoreDayPoints extends PointsFigures {
  storeId: string;
  day: string;
}

export interface PointsRollups {
  /** Adds a written (or met again) entry to its store's day, once. `false`: counted already, or nothing to count. */
  record(entry: LedgerEntry): Promise<boolean>;
  /**
   * `record` for many: the entries of one store's day in one update when none of them is counted
   * yet (a batch of sales), each alone otherwise.
   */
  recordAll(entries: readonly LedgerEntry[]): Promise<void>;
  read(query: {
    tenantId: string;
    storeId: string | null;
    from: string;
    to: string;
  }): Promise<StoreDayPoints[]>;
}

/** The months (`YYYY-MM`) from `from` to `to`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > to.slice(0, 7)) return months;
    months.push(current);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

export function pointsRollups(
  Rollups: Model<PointsRollupDocument>,
  look: {
    /** The tenant of a member (members never change tenant). */
    tenantOf(memberId: string): Promise<string | null>;
    /** The store whose till made a hold, or null. */
    storeOfHold(holdId: string): Promise<string | null>;
  },
  clock: () => Date,
): PointsRollups {
  const writers = oneWriterPerDocument();
  /** Where an entry counts and what it adds; null when it adds nothing. */
  async function placed(entry: LedgerEntry) {
    const redemptionStore = entry.kind === 'redeem' ? await look.storeOfHold(entry.holdId) : null;
    const contribution = pointsContribution(entry, redemptionStore);
    if (!contribution) return null;
    const tenantId = await look.tenantOf(entry.memberId);
    if (tenantId === null) return null;
    const day = contribution.at.toISOString().slice(0, 10);
    const _id = `${tenantId}|${contribution.storeId}|${day}`;
    const onInsert = { tenantId, storeId: contribution.storeId, day, month: day.slice(0, 7) };
    return { _id, figures: contribution.figures, onInsert, key: entry.id };
  }
  type Placed = NonNullable<Awaited<ReturnType<typeof placed>>>;
  /** Adds `items` (of one document) when none is counted yet; `false` when one is, or was meanwhile. */
  async function add(items: readonly Placed[]): Promise<boolean> {
    const [first] = items;
    if (!first) return false;
    const keys = items.map(({ key }) => key);
    const inc: Partial<PointsFigures> = {};
    for (const { figures } of items)
      for (const [name, value] of Object.entries(figures) as [keyof PointsFigures, number][])
        inc[name] = (inc[name] ?? 0) + value;
    const filter = { _id: first._id, counted: keys.length === 1 ? { $ne: keys[0] } : { $nin: keys } };
    const update = {
      $inc: inc,
      $push: { counted: { $each: keys } },
      $set: { updatedAt: clock() },
      $setOnInsert: first.onInsert,
    };
    return writers.run(first._id, () => guardedUpsert(Rollups, filter, update));
  }
  return {
    async record(entry) {
      const item = await placed(entry);
      return item ? add([item]) : false;
    },
    async recordAll(entries) {
      const byDocument = new Map<string, Placed[]>();
      for (const entry of entries) {
        const item = await placed(entry);
        if (item) byDocument.set(item._id, [...(byDocument.get(item._id) ?? []), item]);
      }
      await Promise.all(
        [...byDocument.values()].map(async (items) => {
          if (items.length === 1 || !(await add(items)))
            // One of them was counted before (a replay in the batch): each alone, once.
            for (const item of items) await add([item]);
        }),
      );
    },
    async read({ tenantId, storeId, from, to }) {
      const documents = (
        await Promise.all(
          monthsBetween(from, to).map((month) =>
            Rollups.find(storeId === null ? { tenantId, month } : { tenantId, storeId, month }, {
              counted: 0,
            }).lean<PointsRollupDocument[]>(),
          ),
        )
      ).flat();
      return documents
        .filter(({ day }) => day >= from && day <= to)
        .map((document) => ({
          storeId: document.storeId,
          day: document.day,
          ...(Object.fromEntries(pointsCounters.map((name) => [name, document[name] ?? 0])) as PointsFigures),
        }));
    },
  };
}

/**
 * The ledger, with each entry it writes, or meets again by its business key, added to the points
 * rollups before the caller hears of it: an event whose handler stopped in between is handled
 * again, meets its entry, and adds it then (once). A rollup that fails fails the write's caller
 * (`appendAll`: the whole batch), which is retried.
 */
export function withPointsRollups(
  ledger: LedgerStore,
  rollups: Pick<PointsRollups, 'record' | 'recordAll'>,
): LedgerStore {
  return {
    ...ledger,
    async append(memberId, decide, options) {
      const result = await ledger.append(memberId, decide, options);
      if (result.status === 'written' || result.status === 'replayed') await rollups.record(result.entry);
      return result;
    },
    async appendAll(requests) {
      const results = await ledger.appendAll(requests);
      const entries = results.flatMap((result) =>
        !(result instanceof Error) && (result.status === 'written' || result.status === 'replayed')
          ? [result.entry]
          : [],
      );
      try {
        await rollups.recordAll(entries);
      } catch (error) {
        // Every request of the batch is handled again (each meets its entry, counted once).
        const failed = error instanceof Error ? error : new Error(String(error));
        return results.map((result) => (result instanceof Error ? result : failed));
      }
      return results;
    },
  };
}

/**
 * A member's tenant, remembered (members never change tenant) from the members the service reads
 * anyway (`remember`, fed by the member store), so an entry rarely costs a read; forgets all past
 * a few thousand.
 */
export function tenantOfMember(get: (memberId: string) => Promise<{ tenantId: string } | null>) {
  const known = new Map<string, string>();
  const remember = (member: { id: string; tenantId: string } | null) => {
    if (!member) return;
    if (known.size >= 5_000) known.clear();
    known.set(member.id, member.tenantId);
  };
  async function tenantOf(memberId: string): Promise<string | null> {
    const cached = known.get(memberId);
    if (cached !== undefined) return cached;
    const member = await get(memberId);
    if (!member) return null;
    remember({ id: memberId, tenantId: member.tenantId });
    return member.tenantId;
  }
  return { tenantOf, remember };
}
