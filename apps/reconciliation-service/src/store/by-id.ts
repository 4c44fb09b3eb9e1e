import { isDuplicateKeyError } from '@scontrino/db';
import type { Model, mongo, UpdateQuery } from 'mongoose';

/**
 * Look-ups in flight at once for one caller. FerretDB's PostgreSQL pool (8 locally) serves no
 * more at a time, but a look-up holds its connection only while it runs, so more wait there for
 * a free one rather than a round trip later.
 */
export const PARALLEL_READS = 16;

/**
 * Runs `work` on every item, `limit` at a time, and resolves with the results in order.
 */
export async function eachLimited<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
  limit = PARALLEL_READS,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Documents by `_id`, one look-up each, a few at a time: the local database answers `_id`
 * equality from an index but scans the collection for `$in`, so a few point reads beat one `$in`
 * there (on MongoDB both are index reads). Missing ids are left out.
 */
export async function findAllById<T extends { _id: string }>(
  model: Model<T>,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const documents = await eachLimited(
    unique,
    async (id) => (await model.findById(id).lean().exec()) as T | null,
  );
  const found = new Map<string, T>();
  documents.forEach((document, index) => {
    if (document) found.set(unique[index] as string, document);
  });
  return found;
}

/** What became of one document of {@link insertEach}. */
export type InsertOutcome = 'inserted' | 'duplicate';

/**
 * Inserts the documents in one unordered `insertMany` and tells, for each, whether it went in or
 * its `_id` was already there. When the server fails the batch as a whole without saying which
 * documents (FerretDB does when PostgreSQL refuses one value), each is tried again alone.
 */
export async function insertEach<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  documents: readonly T[],
): Promise<InsertOutcome[]> {
  if (documents.length === 0) return [];
  const asInserted = documents as readonly mongo.OptionalUnlessRequiredId<T>[];
  try {
    await collection.insertMany([...asInserted], { ordered: false });
    return documents.map(() => 'inserted');
  } catch (error) {
    const failed = writeErrorCodes(error);
    if (failed === null) {
      if (documents.length === 1) {
        if (isDuplicateKeyError(error)) return ['duplicate'];
        throw error;
      }
      return eachLimited(asInserted, async (document) => {
        try {
          await collection.insertOne(document);
          return 'inserted' as const;
        } catch (alone) {
          if (isDuplicateKeyError(alone)) return 'duplicate' as const;
          throw alone;
        }
      });
    }
    return documents.map((_, index) => {
      const code = failed.get(index);
      if (code === undefined) return 'inserted';
      if (code === 11000) return 'duplicate';
      throw error;
    });
  }
}

/** The code of each failed document of a bulk insert, by index; null when the error names none. */
function writeErrorCodes(error: unknown): Map<number, unknown> | null {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return null;
  const list: unknown[] = ([] as unknown[]).concat(error.writeErrors);
  if (list.length === 0) return null;
  const codes = new Map<number, unknown>();
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return null;
    const { index, code, err } = item as { index?: unknown; code?: unknown; err?: { code?: unknown } };
    if (typeof index !== 'number') return null;
    codes.set(index, code ?? err?.code);
  }
  return codes;
}

/**
 * Update commands this process sends at once. FerretDB v1.24 on PostgreSQL holds a connection
 * for an update's query while it takes another for the write: as many updates at once as its
 * pool has connections (8 locally) wait for each other forever (docs/events.md, "A second trap").
 * Three at once leave the pool room to finish them, and for everyone else.
 */
export const PARALLEL_UPDATES = 3;

let updatesRunning = 0;
const updatesWaiting: (() => void)[] = [];

/** Runs an update command when one of the process's {@link PARALLEL_UPDATES} slots is free. */
export async function inUpdateSlot<T>(update: () => Promise<T>): Promise<T> {
  if (updatesRunning < PARALLEL_UPDATES) updatesRunning += 1;
  else await new Promise<void>((resolve) => updatesWaiting.push(resolve));
  try {
    return await update();
  } finally {
    const next = updatesWaiting.shift();
    if (next) next();
    else updatesRunning -= 1;
  }
}

/** One document's update, by `_id`, for {@link updateEachById}. */
export interface UpdateById<T> {
  id: string;
  update: UpdateQuery<T>;
}

/**
 * Updates documents each by `_id`, all in one unordered `bulkWrite` (one round trip), in one of the
 * process's update slots. Each statement is an `updateMany` on one `_id`: the same document on
 * MongoDB, and on FerretDB v1 a statement that reads its match to the end gives its connection
 * back before the next one starts, where `updateOne` statements each keep theirs until the whole
 * command ends (docs/events.md, "A second trap"). The ids must be distinct.
 */
export async function updateEachById<T>(model: Model<T>, updates: readonly UpdateById<T>[]): Promise<void> {
  if (updates.length === 0) return;
  const operations = updates.map(({ id, update }) => ({
    updateMany: { filter: { _id: id }, update },
  }));
  await inUpdateSlot(() =>
    model.bulkWrite(operations as Parameters<Model<T>['bulkWrite']>[0], { ordered: false }),
  );
}
