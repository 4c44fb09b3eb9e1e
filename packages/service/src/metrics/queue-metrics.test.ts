import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseSamples, valueOf } from './prometheus-text.test-support.js';
import { registerQueueDepthMetrics, trackOpenedQueues, type CountedQueue } from './queue-metrics.js';

const queue = (name: string, counts: Record<string, number>): CountedQueue => ({
  name,
  getJobCounts: () => Promise.resolve(counts),
});

describe('queue depth metrics', () => {
  it('when scraped, then each queue reports waiting, active, failed and delayed jobs counted at that moment', async () => {
    const registry = new Registry();
    const counts = { waiting: 3, active: 1, failed: 2, delayed: 5, completed: 40 };
    registerQueueDepthMetrics(registry, () => [queue('inbox:loyalty-service', counts)]);

    const first = parseSamples(await registry.metrics());
    const depth = (samples: typeof first, state: string) =>
      valueOf(samples, 'queue_jobs', { queue: 'inbox:loyalty-service', state });
    expect(['waiting', 'active', 'failed', 'delayed'].map((state) => depth(first, state))).toEqual([
      3, 1, 2, 5,
    ]);
    expect(depth(first, 'completed')).toBeUndefined();

    counts.waiting = 0;
    expect(depth(parseSamples(await registry.metrics()), 'waiting')).toBe(0);
  });

  it('when a queue cannot be counted, then it is left out and the failure is counted, the others still report', async () => {
    const registry = new Registry();
    const broken: CountedQueue = {
      name: 'receipt-emails',
      getJobCounts: () => Promise.reject(new Error('down')),
    };
    registerQueueDepthMetrics(registry, () => [broken, queue('outbox', { waiting: 1 })]);

    const samples = parseSamples(await registry.metrics());
    expect(samples.filter((s) => s.name === 'queue_jobs' && s.labels.queue === 'receipt-emails')).toEqual([]);
    expect(valueOf(samples, 'queue_jobs_count_failures_total', { queue: 'receipt-emails' })).toBe(1);
    expect(valueOf(samples, 'queue_jobs', { queue: 'outbox', state: 'waiting' })).toBe(1);
    expect(valueOf(samples, 'queue_jobs', { queue: 'outbox', state: 'failed' })).toBe(0);
  });

  it('when queues are opened through a tracked factory, then the gauge counts exactly those', async () => {
    const opened: string[] = [];
    const tracked = trackOpenedQueues({
      queue: (name) => {
        opened.push(name);
        return queue(name, { waiting: name.length }) as never;
      },
      close: () => Promise.resolve(),
    });
    const registry = new Registry();
    registerQueueDepthMetrics(registry, tracked.opened);
    tracked.factory.queue('inbox:receipt-service');
    tracked.factory.queue('inbox:receipt-service');
    tracked.factory.queue('outbox');

    const samples = parseSamples(await registry.metrics());
    const queues = new Set(samples.filter((s) => s.name === 'queue_jobs').map((s) => s.labels.queue));
    expect([...queues].sort()).toEqual(['inbox:receipt-service', 'outbox']);
    expect(valueOf(samples, 'queue_jobs', { queue: 'outbox', state: 'waiting' })).toBe(6);
    expect(opened).toHaveLength(3);
  });
});
