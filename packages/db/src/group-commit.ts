import type { mongo } from 'mongoose';

/** What became of one document handed to a group commit. */
export type InsertOutcome = 'inserted' | 'duplicate';

export interface GroupCommit<TDocument extends mongo.Document> {
  /**
   * Inserts the document together with whatever else is waiting: `inserted`, or `duplicate` when
   * a unique index already holds one of its keys (possibly this very document, when a batch that
   * failed as a whole is tried again one by one: read it back to tell). Any other failure of this
   * document rejects.
   */
  insert(document: TDocument): Promise<InsertOutcome>;
}

export interface GroupCommitOptions {
  /** Most documents in one `insertMany`. */
  maxBatch?: number;
  /** Most `insertMany` calls in flight at once: more keeps the database busy, fewer batches more. */
  maxInFlight?: number;
  /** Told the size of each batch sent, for metrics. */
  onBatch?: (size: number) => void;
}

const DUPLICATE_KEY = 11000;

interface Waiting<TDocument> {
  document: TDocument;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for inserts: while up to `maxInFlight` inserts are running, newcomers wait, and the
 * next free slot sends all of them as one unordered `insertMany`, each getting its own outcome.
 * An idle service sends each document at once (a batch of one), so nothing waits for a timer;
 * under load the database sees few, large batches instead of one round trip per document.
 */
export function groupCommit<TDocument extends mongo.Document>(
  collection: Pick<mongo.Collection<TDocument>, 'insertMany'>,
  options: GroupCommitOptions = {},
): GroupCommit<TDocument> {
  const maxBatch = options.maxBatch ?? 200;
  const maxInFlight = options.maxInFlight ?? 2;
  const waiting: Waiting<TDocument>[] = [];
  let inFlight = 0;

  async function write(batch: Waiting<TDocument>[]): Promise<void> {
    options.onBatch?.(batch.length);
    try {
      await collection.insertMany(
        batch.map((entry) => entry.document as mongo.OptionalUnlessRequiredId<TDocument>),
        { ordered: false },
      );
      for (const entry of batch) entry.resolve('inserted');
    } catch (error) {
      const failures = writeErrorsByIndex(error);
      if (failures === null) {
        // The server failed the batch as a whole (FerretDB does for a value PostgreSQL refuses,
        // after inserting the documents before it): learn each document's fate on its own.
        await Promise.all(batch.map((entry) => insertAlone(entry)));
        return;
      }
      batch.forEach((entry, index) => {
        const failure = failures.get(index);
        if (failure === undefined) entry.resolve('inserted');
        else if (failure.code === DUPLICATE_KEY) entry.resolve('duplicate');
        else entry.reject(failure);
      });
    }
  }

  async function insertAlone(entry: Waiting<TDocument>): Promise<void> {
    try {
      await collection.insertMany([entry.document as mongo.OptionalUnlessRequiredId<TDocument>]);
      entry.resolve('inserted');
    } catch (error) {
      if (isDuplicate(error)) entry.resolve('duplicate');
      else entry.reject(error);
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight += 1;
      void write(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return {
    insert(document) {
      return new Promise<InsertOutcome>((resolve, reject) => {
        waiting.push({ document, resolve, reject });
        pump();
      });
    },
  };
}

function isDuplicate(error: unknown): boolean {
  const failures = writeErrorsByIndex(error);
  if (failures !== null) return [...failures.values()].every((failure) => failure.code === DUPLICATE_KEY);
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY;
}

/** The failed documents of an unordered bulk insert by their index in it; null for any other error. */
function writeErrorsByIndex(error: unknown): Map<number, { code: unknown; message: string }> | null {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return null;
  const raw = error.writeErrors;
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return null;
  const failures = new Map<number, { code: unknown; message: string }>();
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return null;
    const { index, code, errmsg } = item as { index?: unknown; code?: unknown; errmsg?: unknown };
    if (typeof index !== 'number') return null;
    failures.set(index, {
      code,
      message: typeof errmsg === 'string' ? errmsg : `write error ${String(code)}`,
    });
  }
  return failures;
}
