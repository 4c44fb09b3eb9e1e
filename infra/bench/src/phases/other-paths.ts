import { measureReencryption } from '@scontrino/loyalty-service/bench/reencryption';
import { benchDataset, measureApiThroughput } from '@scontrino/reconciliation-service/bench/api-throughput';
import { withDatabaseName } from '@scontrino/stack';
import mongoose from 'mongoose';
import { percentile, perSecond } from '../stats.js';
import type { BenchContext } from './context.js';

const RECONCILIATION_CALLERS = 8;

/** Observations per second through the reconciliation service's API: its own bench's stream and callers. */
export async function measureReconciliation(context: BenchContext) {
  const { options, progress } = context;
  const seconds = options.reconciliationSeconds;
  progress.phase(`reconciliation API: ${RECONCILIATION_CALLERS} callers`, seconds, 's');
  const started = performance.now();
  const ticker = setInterval(() => progress.update((performance.now() - started) / 1000), 500);
  try {
    const result = await measureApiThroughput(
      { url: context.urls.reconciliation, serviceToken: context.stack.serviceToken },
      benchDataset(seconds).inputs,
      { seconds, connections: RECONCILIATION_CALLERS, sampleEvery: 5 },
    );
    return {
      perSec: result.perSecond,
      linkP95Ms: percentile(result.linkMs.all, 95),
      failures: result.failures,
    };
  } finally {
    clearInterval(ticker);
  }
}

/** Documents re-encrypted per second by the loyalty service's key rotation, in a scratch database on the same server. */
export async function measureReencryptionRate(context: BenchContext): Promise<number> {
  const { options, progress } = context;
  const uri = withDatabaseName(context.stack.database.url, `scontrino_bench_reencrypt_${context.runId}`);
  progress.phase(`re-encryption: ${options.reencryptionMembers} members`, 1, 'run');
  try {
    const run = await measureReencryption({
      databaseUri: uri,
      members: options.reencryptionMembers,
    });
    progress.update(1);
    return perSecond(run.realRun.counts?.rewritten ?? 0, run.realRun.ms);
  } finally {
    const scratch = await mongoose.createConnection(uri).asPromise();
    await scratch.dropDatabase().catch(() => undefined);
    await scratch.close();
  }
}
