import type { QueueFactory } from '@scontrino/queue';
import { Counter, Gauge, type Registry } from 'prom-client';

/** What the gauge needs of a bull queue (a `Bull.Queue` fits). */
export interface CountedQueue {
  name: string;
  getJobCounts(): Promise<Partial<Record<QueueState, number>>>;
}

const states = ['waiting', 'active', 'failed', 'delayed'] as const;
type QueueState = (typeof states)[number];

/** A scrape must answer even when Redis does not: a queue that does not count in time is left out. */
const COUNT_TIMEOUT_MS = 2_000;

function countWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `queue_jobs{queue, state}`: jobs waiting, active, failed and delayed per queue, counted in Redis
 * at each scrape (no timers between scrapes). A queue that cannot be counted disappears from the
 * scrape and bumps `queue_jobs_count_failures_total`, so both an alert on absence and one on the
 * counter work.
 */
export function registerQueueDepthMetrics(registry: Registry, queues: () => Iterable<CountedQueue>): void {
  const depth = new Map<string, Partial<Record<QueueState, number>>>();
  // One count of Redis per scrape, shared by both metrics (a scrape collects them concurrently).
  let counting: Promise<void> | undefined;
  const countQueues = (): Promise<void> =>
    (counting ??= (async () => {
      depth.clear();
      await Promise.all(
        [...queues()].map(async (queue) => {
          try {
            depth.set(queue.name, await countWithin(queue.getJobCounts(), COUNT_TIMEOUT_MS));
          } catch {
            failures.inc({ queue: queue.name });
          }
        }),
      );
    })().finally(() => {
      counting = undefined;
    }));

  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in a bull queue by state, counted at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      await countQueues();
      this.reset();
      for (const [queue, counts] of depth) {
        for (const state of states) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
  const failures = new Counter({
    name: 'queue_jobs_count_failures_total',
    help: 'Scrapes at which a queue could not be counted in Redis',
    labelNames: ['queue'],
    registers: [registry],
    collect: countQueues,
  });
}

/**
 * The same factory, remembering each queue it opened, so that `runService` can count every
 * queue a service uses without the service listing them.
 */
export function trackOpenedQueues(factory: QueueFactory): {
  factory: QueueFactory;
  opened: () => Iterable<CountedQueue>;
} {
  const opened = new Map<string, CountedQueue>();
  return {
    factory: {
      queue(name) {
        const queue = factory.queue(name);
        opened.set(name, queue);
        return queue;
      },
      opened: () => factory.opened?.() ?? [],
      close: () => factory.close(),
    },
    opened: () => opened.values(),
  };
}
