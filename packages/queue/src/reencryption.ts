import {
  type EncryptedCollection,
  reencryptCollections,
  type ReencryptionCipher,
  type ReencryptionCounts,
} from '@scontrino/db';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { QueueFactory } from './queue-factory.js';

/** Every day at 04:15 UTC, after the ledger upkeep and the retention purge, when tills are closed. */
export const REENCRYPTION_CRON = '15 4 * * *';

const repeat = { cron: REENCRYPTION_CRON, tz: 'UTC' } as const;

export interface StartReencryptionOptions {
  queues: QueueFactory;
  service: string;
  database: Connection;
  /** The service's keyring; the job is scheduled only while it holds keys besides the active one. */
  cipher: ReencryptionCipher & { readonly hasOlderKeys: boolean };
  /** The service's declared encrypted fields (`src/store/encrypted-fields.ts`). */
  collections: readonly EncryptedCollection[];
  logger: Logger;
  /** False in tests that run it by hand with `runNow()`: nothing is added to or removed from Redis. */
  schedule?: boolean;
}

/**
 * The re-encryption job of a service (`<service>-reencryption`): while older keys are in the
 * keyring, it runs once soon after start and then daily, so an operator can drop the old key once
 * a run logs no stale document. With a keyring of one key, the daily schedule is removed.
 * Values written meanwhile are under the active key already, so daily runs only finish stragglers.
 */
export async function startReencryption(
  options: StartReencryptionOptions,
): Promise<{ runNow: () => Promise<Record<string, ReencryptionCounts>> }> {
  const name = `${options.service}-reencryption`;
  const logger = options.logger.child({ job: name });
  const run = async () => {
    const counts = await reencryptCollections({
      connection: options.database,
      cipher: options.cipher,
      collections: options.collections,
      logger,
    });
    const total = Object.values(counts).reduce(
      (sum, c) => ({
        stale: sum.stale + c.stale,
        rewritten: sum.rewritten + c.rewritten,
        failed: sum.failed + c.failed,
      }),
      { stale: 0, rewritten: 0, failed: 0 },
    );
    logger.info({ ...total, collections: counts }, 're-encryption run done');
    return counts;
  };
  if (options.schedule === false) return { runNow: run };
  const queue = options.queues.queue(name);
  if (!options.cipher.hasOlderKeys) {
    await queue.removeRepeatable({ ...repeat, jobId: name });
    return { runNow: run };
  }
  queue
    .process(run)
    .catch((error: unknown) => logger.error({ err: error }, 're-encryption processing stopped'));
  const retry = { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnFail: 30 } as const;
  await queue.add({}, { repeat, jobId: name, removeOnComplete: 30, ...retry });
  // Removed when done, so the next start adds it again; other instances starting meanwhile add nothing.
  await queue.add({}, { jobId: `${name}-at-start`, removeOnComplete: true, ...retry });
  return { runNow: run };
}
