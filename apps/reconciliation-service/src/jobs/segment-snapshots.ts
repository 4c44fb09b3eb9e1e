import type { QueueFactory } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import { type SegmentDeps, takeSegmentSnapshot } from '../use-cases/segments/segments.js';

/** Every night at 02:30 UTC, after the day's sales are in. */
export const SEGMENT_SNAPSHOT_CRON = '30 2 * * *';

/**
 * The nightly RFM segment snapshot of every tenant, as one repeatable bull job
 * (`reconciliation-service-segments`): however many instances start, bull runs it once a night,
 * and a second run of the same day replaces that day's snapshot, so a retried job leaves one.
 */
export async function startSegmentSnapshots(options: {
  queues: QueueFactory;
  deps: SegmentDeps;
  logger: Logger;
  /** Runs first: the customers' facts the snapshot reads are computed for what was marked. */
  before?: () => Promise<unknown>;
}): Promise<{ runNow: () => Promise<Record<string, number>> }> {
  const name = 'reconciliation-service-segments';
  const logger = options.logger.child({ job: name });
  const run = async () => {
    const customers: Record<string, number> = {};
    await options.before?.();
    for (const tenantId of await options.deps.store.segments.tenants()) {
      const snapshot = await takeSegmentSnapshot(options.deps, tenantId);
      customers[tenantId] = snapshot.customers;
      logger.info({ tenantId, date: snapshot.date, customers: snapshot.customers }, 'segment snapshot taken');
    }
    return customers;
  };
  const queue = options.queues.queue(name);
  queue.process(run).catch((error: unknown) => logger.error({ err: error }, 'segment snapshots stopped'));
  await queue.add(
    {},
    {
      repeat: { cron: SEGMENT_SNAPSHOT_CRON, tz: 'UTC' },
      jobId: name,
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: 30,
      removeOnFail: 30,
    },
  );
  return { runNow: run };
}
