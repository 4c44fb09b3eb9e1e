import { setTimeout as sleep } from 'node:timers/promises';
import { Schema } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { oldestAgeMs, serviceBacklog } from './backlog.js';
import { outboxFields } from './outbox.js';
import { type Harness, harness } from './test-fixtures/harness.js';

describe('a service backlog', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('when jobs wait, run later or failed, then each queue counts them and ages its oldest waiting job; outboxes count pending documents', async () => {
    h = await harness('q_backlog');
    const inbox = h.queues.queue('inbox:test');
    const first = await inbox.add({ n: 1 });
    // Another millisecond, so the oldest job is told apart from the newest.
    await sleep(20);
    await inbox.add({ n: 2 });
    await inbox.add({ n: 3 }, { delay: 60_000 });
    // A daily job's next run is delayed too, but it is a schedule, not a backlog.
    await inbox.add('daily', {}, { repeat: { cron: '0 3 * * *' } });
    h.queues.queue('idle');
    const Sales = h.connection.model(
      'BacklogSale',
      new Schema({ _id: String, ...outboxFields }, { collection: 'backlog_sales' }),
    );
    await Sales.collection.insertMany([
      { _id: 'a' as never, outbox: [{ id: 'e1' }], outboxPending: true },
      { _id: 'b' as never, outbox: [], outboxPending: false },
      { _id: 'c' as never, outbox: [{ id: 'e2' }], outboxPending: true },
    ]);

    const now = new Date(first.timestamp + 5_000);
    const backlog = await serviceBacklog(h.queues.opened?.() ?? [], [Sales], now);

    expect(backlog).toEqual({
      queues: [
        { queue: 'idle', waiting: 0, active: 0, delayed: 0, failed: 0, scheduled: 0, oldestJobAgeMs: null },
        {
          queue: 'inbox:test',
          waiting: 2,
          active: 0,
          delayed: 1,
          failed: 0,
          scheduled: 1,
          oldestJobAgeMs: 5_000,
        },
      ],
      outboxes: [{ collection: 'backlog_sales', pending: 2 }],
    });
  });

  it('ages the oldest of the jobs given, never below zero, and nothing for none', () => {
    const now = new Date(10_000);
    expect(oldestAgeMs([{ timestamp: 9_000 }, null, { timestamp: 4_000 }], now)).toBe(6_000);
    expect(oldestAgeMs([{ timestamp: 12_000 }], now)).toBe(0);
    expect(oldestAgeMs([], now)).toBeNull();
  });
});
