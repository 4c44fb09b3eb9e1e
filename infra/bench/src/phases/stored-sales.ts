import { withDatabaseName } from '@scontrino/stack';
import mongoose from 'mongoose';
import { indexedPaths, storedCopy } from '../stored-copies.js';
import type { AcceptedSale } from '../traffic.js';
import type { BenchContext } from './context.js';

const BATCH = 1_000;
const WRITERS = 2;

/**
 * `count` more stored sales in the receipt service's database, for the "flat as the database grows"
 * check: copies of a sale the service stored itself (so whatever shape it stores today), with every
 * indexed value made unique, written with insertMany. The collection is the one holding that sale
 * under its POS `transactionId`.
 */
export async function storeSales(
  context: BenchContext,
  template: AcceptedSale,
  count: number,
): Promise<void> {
  const { progress } = context;
  // The stack names each service's database `scontrino_<service>` (infra/stack/src/services.ts).
  const uri = withDatabaseName(context.stack.database.url, 'scontrino_receipt');
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    const db = connection.db!;
    let found: { name: string; document: Record<string, unknown>; size: number } | undefined;
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      const document = await db.collection(name).findOne({ transactionId: template.posTransactionId });
      const size = document ? JSON.stringify(document).length : 0;
      if (document && size > (found?.size ?? 0)) found = { name, document, size };
    }
    if (!found)
      throw new Error(`the receipt database holds no document of sale ${template.posTransactionId}`);
    const collection = db.collection(found.name);
    const paths = indexedPaths(await collection.indexes());
    progress.log(`storing ${count} copies of a stored sale in ${found.name}, unique at ${paths.join(', ')}`);
    progress.phase(`stored sales: insertMany into ${found.name}`, count, 'sales');
    const stored = found.document;
    let next = 1;
    let written = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next <= count) {
          const first = next;
          const size = Math.min(BATCH, count - first + 1);
          next += size;
          const batch = Array.from({ length: size }, (_, offset) =>
            storedCopy(stored, paths, first + offset, () => new mongoose.Types.ObjectId()),
          );
          await collection.insertMany(batch, { ordered: false });
          written += size;
          progress.update(written);
        }
      }),
    );
  } finally {
    await connection.close();
  }
}
