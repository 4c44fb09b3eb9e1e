import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { type EncryptedCollection, type FoundValue, topLevelFields, valuesAt } from './encrypted-paths.js';

/** What the routine needs of the crypto package's field cipher (kept structural: no dependency). */
export interface ReencryptionCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
  isStale(ciphertext: string): boolean;
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
  batchSize?: number;
}

export const DEFAULT_REENCRYPTION_BATCH = 200;

/**
 * Rewrites every declared value written under an older key with the active key. Each collection is
 * read in one pass by a single cursor (no range filter or sort: the local database would scan and
 * sort the whole collection for every page), and each stale document is updated guarded by its old
 * ciphertexts, so a writer that changed (or
 * erased) a value meanwhile wins and the document counts as skipped. Running it again rewrites
 * nothing new.
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
  const collection = options.connection.collection<Record<string, unknown>>(declared.collection);
  const projection = Object.fromEntries(topLevelFields(declared.fields).map((field) => [field, 1]));
  const batchSize = options.batchSize ?? DEFAULT_REENCRYPTION_BATCH;
  const counts: ReencryptionCounts = { scanned: 0, stale: 0, rewritten: 0, skipped: 0, failed: 0 };
  let pending: { filter: Record<string, unknown>; $set: Record<string, string> }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    // One update at a time: FerretDB runs the statements of a bulkWrite side by side, one
    // connection each, and hangs once a batch has more statements than its pool has connections.
    for (const { filter, $set } of writes) {
      const result = await collection.updateOne(filter, { $set });
      if (result.matchedCount === 1) counts.rewritten += 1;
      else counts.skipped += 1;
    }
  };
  for await (const document of collection.find({}, { projection, batchSize })) {
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
    if (options.dryRun) continue;
    pending.push({
      filter: {
        _id: document._id,
        ...Object.fromEntries(rewrite.map((found) => [found.dotPath, found.value])),
      },
      $set: Object.fromEntries(rewrite.map((found) => [found.dotPath, found.replacement])),
    });
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return counts;
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
