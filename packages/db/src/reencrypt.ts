import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import { type EncryptedCollection, type FoundValue, topLevelFields, valuesAt } from './encrypted-paths.js';

/** What the routine needs of the crypto package's field cipher (kept structural: no dependency). */
export interface ReencryptionCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  isStale(ciphertext: string): boolean;
  /** The key version new values go under; without it a run keeps no checkpoint and always starts over. */
  readonly activeVersion?: number;
}

/** Per collection: what was read, what was under an older key, what was rewritten. */
export interface ReencryptionCounts {
  scanned: number;
  /** Documents holding at least one value under an older key (in a dry run: what a real run would rewrite). */
  stale: number;
  rewritten: number;
  /** Stale documents changed by another writer between the read and the write: the next run sees them. */
  skipped: number;
  /** Documents with a value that is no ciphertext or does not decrypt under its context: logged by id. */
  failed: number;
}

export interface ReencryptOptions {
  connection: Connection;
  cipher: ReencryptionCipher;
  collections: readonly EncryptedCollection[];
  logger: Logger;
  dryRun?: boolean;
  /** Documents per page: one read and at most one write each. */
  batchSize?: number;
  /** How often the checkpoint is saved (ms, default 5 s); 0: after every page. */
  checkpointEveryMs?: number;
  /** Pages written at once (each one `bulkWrite`); the next page is read and prepared meanwhile. */
  pagesInFlight?: number;
}

export const DEFAULT_REENCRYPTION_BATCH = 500;

/** Two: the database works on one page while the next is read and sent; at most two update commands of a run at once. */
export const DEFAULT_PAGES_IN_FLIGHT = 2;

/** Where a run's position is kept, one document per collection, while the run is under way. */
export const REENCRYPTION_PROGRESS = 'reencryption_progress';

/** The `_id`s of the services' collections: strings mostly, a driver's ObjectId where none is given. */
type DocumentId = string | number | mongo.ObjectId;

interface ProgressDocument {
  _id: string;
  /** The last `_id` whose page was written. */
  after: DocumentId;
  /** The active key version of the run that wrote it: a run under another key starts over. */
  activeVersion: number;
  at: Date;
}

/** One stale document's guarded rewrite. */
interface Rewrite {
  filter: Record<string, unknown>;
  $set: Record<string, string>;
}

/**
 * Rewrites every declared value written under an older key with the active key, page by page in
 * `_id` order: each page is a batch of one cursor sorted by `_id` (one `find` or `getMore`), its
 * values decrypted and encrypted again in memory, and its stale documents written with one
 * unordered `bulkWrite`. Each rewrite is guarded by the document's `_id` and the ciphertexts it
 * read, and sets only those paths: a writer that changed (or erased) a value meanwhile wins and the
 * document counts as skipped, and fields the run does not rewrite are never written at all.
 *
 * Resumable: every few seconds the last `_id` written is saved in `reencryption_progress` with the
 * active key version; a run that finds a checkpoint under the same key starts after it (documents
 * before it were rewritten by the interrupted run; values written since are under the active key
 * already), and a finished collection drops its checkpoint, so the next run reads it whole again.
 * Running it again rewrites nothing new.
 *
 * The updates are `updateMany` statements on one `_id` each, not `updateOne`: the same document on
 * MongoDB, and on FerretDB v1 a statement that reads its matches to the end gives its connection
 * back before the next one, where `updateOne` keeps one per matched statement until the whole
 * command ends and a page larger than the pool waits for itself forever (docs/events.md).
 */
export async function reencryptCollections(
  options: ReencryptOptions,
): Promise<Record<string, ReencryptionCounts>> {
  const counts: Record<string, ReencryptionCounts> = {};
  for (const declared of options.collections) {
    counts[declared.collection] = await reencryptCollection(options, declared);
    options.logger.info(
      { collection: declared.collection, dryRun: options.dryRun ?? false, ...counts[declared.collection] },
      're-encryption of collection done',
    );
  }
  return counts;
}

async function reencryptCollection(
  options: ReencryptOptions,
  declared: EncryptedCollection,
): Promise<ReencryptionCounts> {
  const collection = options.connection.collection<{ _id: DocumentId; [field: string]: unknown }>(
    declared.collection,
  );
  const projection = Object.fromEntries(topLevelFields(declared.fields).map((field) => [field, 1]));
  const batchSize = options.batchSize ?? DEFAULT_REENCRYPTION_BATCH;
  const pagesInFlight = Math.max(1, options.pagesInFlight ?? DEFAULT_PAGES_IN_FLIGHT);
  const checkpoint = checkpointOf(options, declared.collection);
  const resumedAfter = await checkpoint.read();
  const counts: ReencryptionCounts = { scanned: 0, stale: 0, rewritten: 0, skipped: 0, failed: 0 };
  if (resumedAfter !== null)
    options.logger.info(
      { collection: declared.collection, after: resumedAfter },
      're-encryption resumes after the checkpoint of an interrupted run',
    );
  const cursor = collection.find(resumedAfter === null ? {} : { _id: { $gt: resumedAfter } }, {
    projection,
    sort: { _id: 1 },
    batchSize,
  });
  const writePage = async (rewrites: readonly Rewrite[]) => {
    if (rewrites.length === 0) return;
    const result = await collection.bulkWrite(
      rewrites.map(({ filter, $set }) => ({ updateMany: { filter, update: { $set } } })),
      { ordered: false },
    );
    counts.rewritten += result.matchedCount;
    counts.skipped += rewrites.length - result.matchedCount;
  };
  // Pages being written, oldest first; the checkpoint moves past a page once it and every earlier one are written.
  const writing: { done: Promise<void>; last: DocumentId | undefined }[] = [];
  const settleOldest = async () => {
    const oldest = writing.shift();
    if (!oldest) return;
    await oldest.done;
    await checkpoint.passed(oldest.last);
  };
  try {
    for (;;) {
      const page = await nextPage(cursor, batchSize);
      if (page.length === 0) break;
      const rewrites: Rewrite[] = [];
      for (const document of page) {
        counts.scanned += 1;
        const rewrite = staleValues(options.cipher, document, declared);
        if (rewrite === 'failed') {
          counts.failed += 1;
          options.logger.warn(
            { collection: declared.collection, id: document._id },
            'a declared encrypted value does not decrypt: left as is',
          );
          continue;
        }
        if (rewrite.length === 0) continue;
        counts.stale += 1;
        rewrites.push({
          filter: {
            _id: document._id,
            ...Object.fromEntries(rewrite.map((found) => [found.dotPath, found.value])),
          },
          $set: Object.fromEntries(rewrite.map((found) => [found.dotPath, found.replacement])),
        });
      }
      if (options.dryRun) continue;
      const done = writePage(rewrites);
      // Awaited in turn below; a failure surfaces there, never as an unhandled rejection.
      done.catch(() => undefined);
      writing.push({ done, last: page.at(-1)?._id });
      while (writing.length >= pagesInFlight) await settleOldest();
    }
    while (writing.length > 0) await settleOldest();
  } finally {
    await Promise.allSettled(writing.map((page) => page.done));
    await cursor.close();
  }
  await checkpoint.done();
  return counts;
}

/** The cursor's next batch from the server (`size` documents at most; none at the end). */
async function nextPage<T>(cursor: mongo.FindCursor<T>, size: number): Promise<T[]> {
  const first = await cursor.next();
  if (first === null) return [];
  return [first, ...cursor.readBufferedDocuments(size - 1)];
}

/** The collection's saved position: read once at the start, saved every few seconds, dropped when done. */
function checkpointOf(options: ReencryptOptions, collectionName: string) {
  const progress = options.connection.collection<ProgressDocument>(REENCRYPTION_PROGRESS);
  // A dry run neither resumes nor saves: it tells what a whole run would rewrite.
  const version = options.dryRun ? undefined : options.cipher.activeVersion;
  const every = options.checkpointEveryMs ?? 5_000;
  let savedAt = performance.now();
  let held = false;
  return {
    async read(): Promise<DocumentId | null> {
      if (version === undefined) return null;
      const found = await progress.findOne({ _id: collectionName });
      held = found !== null;
      return found?.activeVersion === version ? found.after : null;
    },
    async passed(after: DocumentId | undefined): Promise<void> {
      if (version === undefined || after === undefined || performance.now() - savedAt < every) return;
      await progress.replaceOne(
        { _id: collectionName },
        { after, activeVersion: version, at: new Date() },
        { upsert: true },
      );
      savedAt = performance.now();
      held = true;
    },
    async done(): Promise<void> {
      if (held) await progress.deleteOne({ _id: collectionName });
    },
  };
}

/** The document's values under an older key, each with its new ciphertext; 'failed' if one does not decrypt. */
function staleValues(
  cipher: ReencryptionCipher,
  document: Readonly<Record<string, unknown>>,
  declared: EncryptedCollection,
): (FoundValue & { replacement: string })[] | 'failed' {
  const stale: (FoundValue & { replacement: string })[] = [];
  try {
    for (const field of declared.fields)
      for (const found of valuesAt(document, field))
        if (cipher.isStale(found.value))
          stale.push({
            ...found,
            replacement: cipher.encrypt(cipher.decrypt(found.value, found.context), found.context),
          });
  } catch {
    return 'failed';
  }
  return stale;
}
