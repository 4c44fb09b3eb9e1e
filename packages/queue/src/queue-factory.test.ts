import { setTimeout as sleep } from 'node:timers/promises';
import { startRedis, tempDir, testStack } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createQueueFactory,
  JOB_ATTEMPTS,
  JOB_BACKOFF,
  LONGEST_RETRY_DELAY_MS,
  retryDelayMs,
} from './queue-factory.js';
import { isRedisReachable } from './redis.js';
import { type Harness, harness, silentLogger } from './test-fixtures/harness.js';

describe('createQueueFactory', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('processes a job added to one of its queues, with the project job defaults', async () => {
    h = await harness('q_basic');
    const queue = h.queues.queue('greetings');
    const completed = new Promise((resolve) => queue.on('completed', (_job, result) => resolve(result)));
    queue
      .process((job) => Promise.resolve(`hello ${(job.data as { name: string }).name}`))
      .catch(() => undefined);

    const job = await queue.add({ name: 'Ada' });

    expect(await completed).toBe('hello Ada');
    expect(job.opts).toMatchObject({ attempts: JOB_ATTEMPTS, backoff: JOB_BACKOFF });
  });

  it('runs a failed job again after the first retry delay (its backoff is known to the queue)', async () => {
    h = await harness('q_retry');
    const queue = h.queues.queue('flaky');
    const runs: number[] = [];
    const completed = new Promise((resolve) => queue.on('completed', resolve));
    queue
      .process(() => {
        runs.push(Date.now());
        return runs.length === 1 ? Promise.reject(new Error('dependency down')) : Promise.resolve();
      })
      .catch(() => undefined);

    await queue.add({});
    await completed;

    expect(runs).toHaveLength(2);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(retryDelayMs(1) - 50);
  });

  it('returns the same queue for the same name', async () => {
    h = await harness('q_same');

    expect(h.queues.queue('a')).toBe(h.queues.queue('a'));
    expect(h.queues.queue('a')).not.toBe(h.queues.queue('b'));
  });

  it('when closed, waits for the job that is running', async () => {
    h = await harness('q_close');
    const queue = h.queues.queue('slow');
    let finished = false;
    const started = new Promise<void>((resolve) => {
      queue
        .process(async () => {
          resolve();
          await sleep(300);
          finished = true;
        })
        .catch(() => undefined);
    });
    await queue.add({});
    await started;

    await h.queues.close();

    expect(finished).toBe(true);
  });

  it('when closed right after a worker starts (a shutdown just after boot), then no promise is left rejected', async () => {
    h = await harness('q_boot');
    const rejections: unknown[] = [];
    const record = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', record);
    try {
      for (let round = 0; round < 10; round += 1) {
        const queues = createQueueFactory({ redisUrl: h.redisUrl, prefix: h.prefix, logger: silentLogger });
        queues
          .queue('boot')
          .process(() => Promise.resolve())
          .catch(() => undefined);
        await queues.close();
      }
      await sleep(200);
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(rejections).toEqual([]);
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second and stops growing at five minutes', () => {
    const waits = Array.from({ length: JOB_ATTEMPTS - 1 }, (_, index) => retryDelayMs(index + 1));

    expect(waits.slice(0, 4)).toEqual([1_000, 3_000, 7_000, 15_000]);
    expect(Math.max(...waits)).toBe(LONGEST_RETRY_DELAY_MS);
  });

  it('gives a job more than twenty minutes from its first run to its last', () => {
    const waits = Array.from({ length: JOB_ATTEMPTS - 1 }, (_, index) => retryDelayMs(index + 1));
    const span = waits.reduce((sum, wait) => sum + wait, 0);

    expect(span).toBeGreaterThan(20 * 60_000);
    expect(span).toBeLessThan(30 * 60_000);
  });
});

describe('isRedisReachable', () => {
  it('is true for a running Redis', async () => {
    expect(await isRedisReachable(testStack().redisUrl)).toBe(true);
  });

  it('is false, without throwing, for a Redis that is down', async ({ skip }) => {
    const redis = await startRedis({ dataDir: await tempDir('redis_down') });
    await redis.stop();
    if (redis.kind === 'external') skip('an external Redis cannot be stopped');

    expect(await isRedisReachable(redis.url, 500)).toBe(false);
  });
});
