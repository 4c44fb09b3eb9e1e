import type Bull from 'bull';
import type { OutboxModel } from './outbox-batch.js';

/** One queue's jobs by state, and how long the oldest job still to run has been waiting. */
export interface QueueBacklog {
  queue: string;
  waiting: number;
  active: number;
  /** Jobs delayed (retries, jobs added with a delay), not counting the next run of a cron job. */
  delayed: number;
  failed: number;
  /** Cron jobs (repeatable): each waits delayed for its next run, which is no backlog. */
  scheduled: number;
  /** Age (ms) of the oldest job still to run (waiting, running or delayed for a retry); null for none. */
  oldestJobAgeMs: number | null;
}

/** Documents of one collection whose events are not yet handed to Redis (`outboxPending: true`). */
export interface OutboxBacklog {
  collection: string;
  pending: number;
}

/** What a backlog procedure needs of a bull queue (a `Bull.Queue` fits). */
export type BackloggedQueue = Pick<Bull.Queue, 'name' | 'getJobCounts' | 'getJobs' | 'getRepeatableCount'>;

/** bull's id of the next run of a repeatable job: `repeat:<key hash>:<time>`. */
const isNextCronRun = (job: Bull.Job | null) => job !== null && String(job.id).startsWith('repeat:');

/** The age (ms) of the oldest of these jobs at `now`; null for none. */
export function oldestAgeMs(jobs: readonly ({ timestamp: number } | null)[], now: Date): number | null {
  const stamps = jobs.flatMap((job) => (job ? [job.timestamp] : []));
  return stamps.length === 0 ? null : Math.max(0, now.getTime() - Math.min(...stamps));
}

/**
 * A queue's backlog from Redis: the counts of each state (one command) and the first job of the
 * waiting and of the active list in arrival order and the next delayed one (one element each), never
 * a scan. A delayed job's age counts from when it was added: a retried event is as late as that.
 */
export async function queueBacklog(queue: BackloggedQueue, now: Date): Promise<QueueBacklog> {
  const [counts, scheduled, waiting, active, delayed] = await Promise.all([
    queue.getJobCounts(),
    queue.getRepeatableCount(),
    // `asc`: from the oldest end of the list (bull pushes new jobs at the other end).
    queue.getJobs(['waiting'], 0, 0, true),
    queue.getJobs(['active'], 0, 0, true),
    queue.getJobs(['delayed'], 0, 0, true),
  ]);
  return {
    queue: queue.name,
    waiting: counts.waiting ?? 0,
    active: counts.active ?? 0,
    delayed: Math.max(0, (counts.delayed ?? 0) - scheduled),
    failed: counts.failed ?? 0,
    scheduled,
    oldestJobAgeMs: oldestAgeMs(
      [...waiting, ...active, ...delayed.filter((job) => !isNextCronRun(job))],
      now,
    ),
  };
}

/**
 * A collection's outbox backlog: one count by an equality on the indexed top-level `outboxPending`,
 * which both MongoDB and the local database serve from the index (no scan of the collection).
 */
export async function outboxBacklog(model: OutboxModel): Promise<OutboxBacklog> {
  return {
    collection: model.collection.collectionName,
    pending: await model.collection.countDocuments({ outboxPending: true }),
  };
}

/** Every queue's and every outbox's backlog, the queues by name. */
export async function serviceBacklog(
  queues: Iterable<BackloggedQueue>,
  outboxes: readonly OutboxModel[],
  now: Date,
): Promise<{ queues: QueueBacklog[]; outboxes: OutboxBacklog[] }> {
  const [queueRows, outboxRows] = await Promise.all([
    Promise.all([...queues].map((queue) => queueBacklog(queue, now))),
    Promise.all(outboxes.map(outboxBacklog)),
  ]);
  return {
    queues: queueRows.sort((a, b) => a.queue.localeCompare(b.queue)),
    outboxes: outboxRows,
  };
}
