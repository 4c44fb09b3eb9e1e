import Bull from 'bull';
import type { Logger } from 'pino';
import { createRedisConnections } from './redis.js';

/**
 * Runs of a failed job: with the backoff below, the last one runs about 23 minutes after the
 * first. An event that waits for another (a claim for its sale, a return for its sale) and any
 * job whose dependency is down get that long before they fail for good; the soak saw a database
 * outage plus its driver's recovery outlast the four minutes that eight exponential runs gave.
 */
export const JOB_ATTEMPTS = 12;
/** The first retry waits this long; each wait doubles (1, 3, 7, 15 … seconds in all) up to the longest. */
export const FIRST_RETRY_DELAY_MS = 1_000;
/** The longest wait between two runs of a job: later retries come every five minutes. */
export const LONGEST_RETRY_DELAY_MS = 5 * 60_000;

/** The wait before run `attemptsMade + 1`: bull's exponential backoff, capped at the longest wait. */
export function retryDelayMs(attemptsMade: number): number {
  return Math.min((2 ** attemptsMade - 1) * FIRST_RETRY_DELAY_MS, LONGEST_RETRY_DELAY_MS);
}

/** bull looks a custom backoff up by name in the settings of the queue that runs the job. */
export const JOB_BACKOFF: Bull.BackoffOptions = { type: 'exponential-capped' };
const BACKOFF_STRATEGIES = { [JOB_BACKOFF.type]: retryDelayMs };
/** Completed jobs stay this long, so a second add with the same `jobId` is ignored for a week. */
export const KEEP_COMPLETED_JOBS_SECONDS = 7 * 24 * 60 * 60;
/** Failed jobs stay for a month, for inspection and manual retry. */
export const KEEP_FAILED_JOBS_SECONDS = 30 * 24 * 60 * 60;

export const DEFAULT_JOB_OPTIONS: Bull.JobOptions = {
  attempts: JOB_ATTEMPTS,
  backoff: JOB_BACKOFF,
  removeOnComplete: { age: KEEP_COMPLETED_JOBS_SECONDS },
  removeOnFail: { age: KEEP_FAILED_JOBS_SECONDS },
};

/**
 * bull's polling of an idle queue, slowed from its defaults (5 s each) to a minute: a queue with a
 * worker sent 26 Redis commands a minute doing nothing (a BRPOPLPUSH that times out, a look at the
 * delayed jobs, the stalled-job check twice), 4 with these.
 * - `drainDelay` (seconds): how long the worker's BRPOPLPUSH blocks before it asks again. A job
 *   added wakes it at once, however long the block; closing the queue cuts the block.
 * - `guardInterval` (ms): the longest wait between two looks at the delayed jobs. bull sets its
 *   timer to the next delayed job's time, and every delayed job added (retries, repeats, delays)
 *   is announced on Redis pub/sub, so the guard only matters after an announcement was missed (the
 *   subscriber reconnecting): such a job then runs up to a minute late.
 * The stalled-job check (`stalledInterval`, 30 s, with the 30 s lock) is what finds the jobs of a
 * crashed worker, and keeps bull's default.
 */
export const IDLE_QUEUE_SETTINGS = { drainDelay: 60, guardInterval: 60_000 } as const;

export interface QueueFactoryOptions {
  redisUrl: string;
  /**
   * Prefix of every Redis key. For Redis Cluster pass a hash tag such as `{scontrino}`, so that
   * all keys of a queue land in one slot, as bull's Lua scripts require.
   */
  prefix?: string;
  logger: Logger;
}

export interface QueueFactory {
  /** The queue of that name, created on first use; the same instance afterwards. */
  queue(name: string): Bull.Queue;
  /** Every queue opened so far (for a backlog report); absent on factories that do not track them. */
  opened?(): Iterable<Bull.Queue>;
  /** Closes every queue (waiting for running jobs), then the Redis connections. */
  close(): Promise<void>;
}

/** Queues of one process, over shared Redis connections, with the project's job defaults and logging. */
export function createQueueFactory({
  redisUrl,
  prefix = 'scontrino',
  logger,
}: QueueFactoryOptions): QueueFactory {
  const connections = createRedisConnections(redisUrl);
  const queues = new Map<string, Bull.Queue>();

  return {
    queue(name) {
      let queue = queues.get(name);
      if (!queue) {
        queue = new Bull(name, {
          prefix,
          createClient: (type) => connections.createClient(type),
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
          settings: { ...IDLE_QUEUE_SETTINGS, backoffStrategies: BACKOFF_STRATEGIES },
        });
        logQueueEvents(queue, logger.child({ queue: name }));
        handleWorkerNaming(queue, logger.child({ queue: name }));
        queues.set(name, queue);
      }
      return queue;
    },
    opened: () => queues.values(),
    async close() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
      connections.close();
    },
  };
}

/**
 * bull's `process()` names the worker's blocking connection (CLIENT SETNAME) in a promise it never
 * awaits. A queue closed before that command ran (a shutdown right after start) rejects it with
 * "Connection is closed", an unhandled rejection that ends a Node process. The name only labels
 * the connection in CLIENT LIST, so a failure is logged, not thrown.
 */
function handleWorkerNaming(queue: Bull.Queue, logger: Logger): void {
  const worker = queue as Bull.Queue & { setWorkerName(): Promise<void> };
  const setWorkerName = worker.setWorkerName.bind(worker);
  worker.setWorkerName = () =>
    setWorkerName().catch((error: unknown) => logger.debug({ err: error }, 'worker connection not named'));
}

function logQueueEvents(queue: Bull.Queue, logger: Logger): void {
  queue.on('error', (error) => logger.error({ err: error }, 'queue error'));
  queue.on('stalled', (job) => logger.warn({ jobId: job.id }, 'job stalled, will run again'));
  queue.on('failed', (job, error) => {
    // bull stamps finishedOn only when it gives up (attempts spent or job discarded).
    const final = Boolean(job.finishedOn);
    logger[final ? 'error' : 'warn'](
      { jobId: job.id, attemptsMade: job.attemptsMade, err: error },
      final ? 'job failed for good' : 'job failed, will retry',
    );
  });
}
