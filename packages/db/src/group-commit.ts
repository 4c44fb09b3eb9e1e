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
    const outcomes = await insertEach(
      collection,
      batch.map((entry) => entry.document),
    );
    batch.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (outcome instanceof Error) entry.reject(outcome);
      else entry.resolve(outcome ?? 'inserted');
    });
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

/**
 * Inserts the documents with one unordered `insertMany` and tells each one's fate: `inserted`,
 * `duplicate` when a unique index already holds one of its keys, or the error that refused it.
 * When the server fails the command as a whole without saying which document it refused
 * (FerretDB does for a value PostgreSQL refuses, after inserting the documents before it), each
 * is inserted again on its own: then a document the first try had stored answers `duplicate` too,
 * so a caller that must tell "mine" from "someone else's" reads it back. Never rejects: a
 * database that cannot be reached fails each document with its error.
 */
export async function insertEach<TDocument extends mongo.Document>(
  collection: Pick<mongo.Collection<TDocument>, 'insertMany'>,
  documents: readonly TDocument[],
): Promise<(InsertOutcome | Error)[]> {
  if (documents.length === 0) return [];
  try {
    await collection.insertMany(documents as mongo.OptionalUnlessRequiredId<TDocument>[], { ordered: false });
    return documents.map(() => 'inserted');
  } catch (error) {
    const failures = writeErrorsByIndex(error);
    // The server failed the batch as a whole: learn each document's fate on its own.
    if (failures === null) return Promise.all(documents.map((document) => insertAlone(collection, document)));
    return documents.map((_, index) => {
      const failure = failures.get(index);
      if (failure === undefined) return 'inserted';
      if (failure.code === DUPLICATE_KEY) return 'duplicate';
      // The server's answer for this document, named as the driver names a server's errors, so
      // that one saying it is shutting down reads as out of reach (503), not as a fault (500).
      return Object.assign(new Error(failure.message), { name: 'MongoServerError', code: failure.code });
    });
  }
}

async function insertAlone<TDocument extends mongo.Document>(
  collection: Pick<mongo.Collection<TDocument>, 'insertMany'>,
  document: TDocument,
): Promise<InsertOutcome | Error> {
  try {
    await collection.insertMany([document as mongo.OptionalUnlessRequiredId<TDocument>]);
    return 'inserted';
  } catch (error) {
    if (isDuplicate(error)) return 'duplicate';
    return error instanceof Error ? error : new Error(String(error));
  }
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
