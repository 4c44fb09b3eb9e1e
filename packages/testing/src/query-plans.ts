import type { mongo } from 'mongoose';

/** How the database would run a `find`: whether it reads the whole collection, and the plan. */
export interface FindPlan {
  /** True when every document is read: a sequential scan, a filter left to FerretDB, a COLLSCAN. */
  scansCollection: boolean;
  /** The server's plan as it answered, for the failure message. */
  plan: unknown;
}

/**
 * The plan of `find(filter)` on `collection`, from `explain`. FerretDB on PostgreSQL passes
 * PostgreSQL's plan through with `filterPushdown`; MongoDB answers a `winningPlan` tree. Null on a
 * server whose plan says nothing about indexes (FerretDB on SQLite files).
 */
export async function findPlan(
  db: mongo.Db,
  collection: string,
  filter: mongo.Document,
): Promise<FindPlan | null> {
  const explained = await db.command({ explain: { find: collection, filter }, verbosity: 'queryPlanner' });
  const planner = explained.queryPlanner as Record<string, unknown> | undefined;
  if (planner && 'winningPlan' in planner) {
    return { scansCollection: JSON.stringify(planner.winningPlan).includes('"COLLSCAN"'), plan: planner };
  }
  if (planner && 'Plan' in planner) {
    const text = JSON.stringify(planner.Plan);
    return {
      scansCollection: explained.filterPushdown !== true || text.includes('"Seq Scan"'),
      plan: { filterPushdown: explained.filterPushdown as unknown, ...planner },
    };
  }
  return null;
}

/**
 * Inserts `count` documents made by `make(i)` in unordered batches: a realistic collection size
 * for a plan test, at the speed of `insertMany`.
 */
export async function seedDocuments(
  collection: mongo.Collection,
  count: number,
  make: (index: number) => mongo.Document,
  batchSize = 5_000,
): Promise<void> {
  for (let start = 0; start < count; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - start) }, (_, offset) =>
      make(start + offset),
    );
    await collection.insertMany(batch, { ordered: false });
  }
}
