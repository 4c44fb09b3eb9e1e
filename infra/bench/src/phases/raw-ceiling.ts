import { withDatabaseName } from '@scontrino/stack';
import mongoose from 'mongoose';
import { closedLoop } from '../closed-loop.js';
import { perSecond, summarizeLatencies } from '../stats.js';
import type { BenchContext } from './context.js';

const POOL = 1_000;

export interface RawCeiling {
  insertOnePerSec: number;
  insertOneP99Ms: number | null;
  insertManyPerSec: number;
}

/**
 * What the database takes with no service in between: the bench's sale documents inserted with the
 * plain driver into a scratch database on the same server, `insertOne` from as many concurrent
 * callers as ingest has connections, then `insertMany` batches from as many.
 */
export async function measureRawCeiling(context: BenchContext): Promise<RawCeiling> {
  const { options, progress } = context;
  const documents = Array.from({ length: POOL }, () => context.sales.next().sale);
  const uri = withDatabaseName(context.stack.database.url, `scontrino_bench_raw_${context.runId}`);
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    const sales = connection.db!.collection('sales');
    // Each insert gets a copy: the driver writes the new _id into the document it is given.
    let next = 0;
    const document = () => ({ ...documents[next++ % POOL] });
    const timed = async (label: string, insert: () => Promise<number>) => {
      progress.phase(label, options.ingestSeconds, 's');
      const { done, ms } = await closedLoop({
        callers: options.connections,
        seconds: options.ingestSeconds,
        work: insert,
        onProgress: (inserted, elapsedMs) => progress.update(elapsedMs / 1000, `${inserted} docs`),
      });
      return perSecond(done, ms);
    };

    const latencies: number[] = [];
    const insertOnePerSec = await timed('raw ceiling: insertOne', async () => {
      const started = performance.now();
      await sales.insertOne(document());
      latencies.push(performance.now() - started);
      return 1;
    });
    const insertManyPerSec = await timed(
      `raw ceiling: insertMany of ${options.insertManyBatch}`,
      async () => {
        const batch = Array.from({ length: options.insertManyBatch }, document);
        await sales.insertMany(batch, { ordered: false });
        return batch.length;
      },
    );
    return { insertOnePerSec, insertOneP99Ms: summarizeLatencies(latencies).p99Ms, insertManyPerSec };
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}
