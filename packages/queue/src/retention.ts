import type { Logger } from 'pino';
import type { Connection } from 'mongoose';
import { processedEventModel } from './processed-events.js';
import type { QueueFactory } from './queue-factory.js';

/** A class of data a service keeps for a while: how long, and how to remove what is older. */
export interface RetentionClass {
  /** As in RETENTION_DAYS and the logs: `processed_events`, `delivery_logs`… */
  name: string;
  keepDays: number;
  /** Deletes (or strips) what is older than `before`; resolves with how many documents changed. */
  purge(before: Date): Promise<number>;
}

/** Every day at 03:45 UTC, after the ledger upkeep, when tills are closed. */
export const RETENTION_CRON = '45 3 * * *';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs every class's purge once; a class that fails is logged and the others still run. */
export async function purgeExpired(
  classes: readonly RetentionClass[],
  options: { now: Date; logger: Logger },
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  let failed = 0;
  for (const dataClass of classes) {
    const before = new Date(options.now.getTime() - dataClass.keepDays * DAY_MS);
    try {
      removed[dataClass.name] = await dataClass.purge(before);
      options.logger.info(
        { dataClass: dataClass.name, keepDays: dataClass.keepDays, before, removed: removed[dataClass.name] },
        'retention purge',
      );
    } catch (error) {
      failed += 1;
      options.logger.error({ err: error, dataClass: dataClass.name }, 'retention purge failed');
    }
  }
  // Failing the job makes bull retry it with backoff; the classes already purged find nothing left.
  if (failed > 0) throw new Error(`${failed} of ${classes.length} retention purges failed`);
  return removed;
}

/**
 * The daily purge of a service's data classes, as one repeatable bull job (`<service>-retention`):
 * however many instances start, bull runs it once a day. No TTL indexes: the local database has
 * none, and a purge that logs its counts is what an auditor asks for anyway.
 */
export async function startRetention(options: {
  queues: QueueFactory;
  service: string;
  classes: readonly RetentionClass[];
  logger: Logger;
  clock?: () => Date;
}): Promise<{ runNow: () => Promise<Record<string, number>> }> {
  const clock = options.clock ?? (() => new Date());
  const name = `${options.service}-retention`;
  const logger = options.logger.child({ job: name });
  const run = () => purgeExpired(options.classes, { now: clock(), logger });
  const queue = options.queues.queue(name);
  queue.process(run).catch((error: unknown) => logger.error({ err: error }, 'retention processing stopped'));
  await queue.add(
    {},
    {
      repeat: { cron: RETENTION_CRON, tz: 'UTC' },
      jobId: name,
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: 30,
      removeOnFail: 30,
    },
  );
  return { runNow: run };
}

/**
 * The consumer's record of handled events. It must outlive any redelivery: bull keeps a completed
 * job (and so refuses its id again) for 7 days, so keep this well beyond that.
 */
export function processedEventsRetention(connection: Connection, keepDays: number): RetentionClass {
  const Processed = processedEventModel(connection);
  return {
    name: 'processed_events',
    keepDays,
    purge: async (before) => (await Processed.deleteMany({ processedAt: { $lt: before } })).deletedCount,
  };
}
