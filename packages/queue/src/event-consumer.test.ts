import type { EventEnvelope } from '@scontrino/contracts';
import type Bull from 'bull';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { consumeEvents, type EventHandlers } from './event-consumer.js';
import { createEventPublisher, inboxQueueName, type PublishEvents } from './event-publisher.js';
import { processedEventModel } from './processed-events.js';
import { transactionRecorded } from './test-fixtures/events.js';
import { type Harness, harness, silentLogger } from './test-fixtures/harness.js';

let h: Harness;
let publish: PublishEvents;
let inbox: Bull.Queue;

beforeEach(async () => {
  h = await harness('consumer');
  publish = createEventPublisher(h.queues);
  inbox = h.queues.queue(inboxQueueName('loyalty-service'));
});
afterEach(() => h.close());

function consume(handlers: EventHandlers, concurrency?: number): Promise<void> {
  return consumeEvents({
    queues: h.queues,
    service: 'loyalty-service',
    connection: h.connection,
    handlers,
    ...(concurrency && { concurrency }),
    logger: silentLogger,
  });
}

function isRecorded(event: EventEnvelope): Promise<boolean> {
  return processedEventModel(h.connection)
    .exists({ consumer: 'loyalty-service', eventId: event.id })
    .then((found) => found !== null);
}

async function waitUntilFinished(jobId: string): Promise<Bull.Job> {
  return vi.waitFor(
    async () => {
      const job = await inbox.getJob(jobId);
      expect(job?.finishedOn).toBeTruthy();
      return job as Bull.Job;
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe('consumeEvents', () => {
  it('when the same event is published twice, then its handler runs once', async () => {
    const handled = vi.fn(() => Promise.resolve());
    await consume({ 'transaction.recorded': handled });
    const event = transactionRecorded();

    await publish([event]);
    await publish([event]);
    await waitUntilFinished(event.id);
    await publish([event]);

    expect(await inbox.getJobCounts()).toMatchObject({ completed: 1, waiting: 0, active: 0, delayed: 0 });
    expect(handled).toHaveBeenCalledOnce();
    expect(handled).toHaveBeenCalledWith(event, expect.objectContaining({ attempt: 1 }));
  });

  it('when an event comes again after its job left Redis, then processed_events skips it', async () => {
    const handled = vi.fn(() => Promise.resolve());
    await consume({ 'transaction.recorded': handled });
    const event = transactionRecorded();
    await publish([event]);
    await (await waitUntilFinished(event.id)).remove();

    await publish([event]);
    const again = await waitUntilFinished(event.id);

    expect(await again.getState()).toBe('completed');
    expect(handled).toHaveBeenCalledOnce();
  });

  it('when the job is not a valid envelope, then it fails at once without retries', async () => {
    const handled = vi.fn(() => Promise.resolve());
    await consume({ 'transaction.recorded': handled });

    await inbox.add({ id: 'evt_bad', type: 'transaction.recorded', payload: {} }, { jobId: 'evt_bad' });
    const job = await waitUntilFinished('evt_bad');

    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/not an event envelope/);
    expect(handled).not.toHaveBeenCalled();
  });

  it('when a handler fails, then the event is retried and recorded once it succeeds', async () => {
    const handled = vi.fn().mockRejectedValueOnce(new Error('ledger busy')).mockResolvedValue(undefined);
    await consume({ 'transaction.recorded': handled });
    const event = transactionRecorded();

    await publish([event]);
    const job = await waitUntilFinished(event.id);

    expect(await job.getState()).toBe('completed');
    expect(handled).toHaveBeenCalledTimes(2);
    expect(handled).toHaveBeenLastCalledWith(event, expect.objectContaining({ attempt: 2 }));
    expect(await isRecorded(event)).toBe(true);
  });

  it('when a handler throws a non-retryable error, then the event fails for good and is not recorded', async () => {
    const permanent = Object.assign(new Error('unknown store'), { retryable: false });
    const handled = vi.fn().mockRejectedValue(permanent);
    await consume({ 'transaction.recorded': handled });
    const event = transactionRecorded();

    await publish([event]);
    const job = await waitUntilFinished(event.id);

    expect(await job.getState()).toBe('failed');
    expect(handled).toHaveBeenCalledOnce();
    expect(await isRecorded(event)).toBe(false);
  });

  it('when jobs finish together, then their events are recorded with one insert', async () => {
    const events = Array.from({ length: 5 }, () => transactionRecorded());
    let entered = 0;
    let openGate = () => undefined as void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    await consume(
      {
        'transaction.recorded': async () => {
          if (++entered === events.length) openGate();
          await gate;
        },
      },
      events.length,
    );
    const insertMany = vi.spyOn(processedEventModel(h.connection).collection, 'insertMany');

    await publish(events);
    for (const event of events) await waitUntilFinished(event.id);

    expect(insertMany).toHaveBeenCalledOnce();
    for (const event of events) expect(await isRecorded(event)).toBe(true);
  });

  it('records an event that has no handler and ignores it', async () => {
    await consume({});
    const event = transactionRecorded();

    await publish([event]);
    const job = await waitUntilFinished(event.id);

    expect(await job.getState()).toBe('completed');
    expect(await isRecorded(event)).toBe(true);
  });
});

describe('consumeEvents with a handler that recognises replays itself', () => {
  it('when an event comes again after its job left Redis, then the handler runs again and nothing is recorded', async () => {
    const handled = vi.fn(() => Promise.resolve());
    await consume({ 'transaction.recorded': { handle: handled, replays: 'handler' } });
    const event = transactionRecorded();
    const exists = vi.spyOn(processedEventModel(h.connection), 'exists');

    await publish([event]);
    await (await waitUntilFinished(event.id)).remove();
    await publish([event]);
    await waitUntilFinished(event.id);

    expect(handled).toHaveBeenCalledTimes(2);
    expect(exists).not.toHaveBeenCalled();
    expect(await isRecorded(event)).toBe(false);
  });
});

describe('consumeEvents with a batch handler', () => {
  it('when events arrive together, then the handler gets them in one batch and each job gets its own outcome', async () => {
    const events = Array.from({ length: 5 }, () => transactionRecorded());
    const failing = events[2]!;
    const batches: string[][] = [];
    await consume(
      {
        'transaction.recorded': {
          // Full, not timed: the five jobs reach the handler one Redis round trip apart.
          maxWaitMs: 500,
          handleBatch: (batch) => {
            batches.push(batch.map((event) => event.id));
            return Promise.resolve(
              batch.map((event) =>
                event.id === failing.id && batches.length === 1 ? new Error('ledger busy') : undefined,
              ),
            );
          },
        },
      },
      events.length,
    );

    await publish(events);
    const jobs = await Promise.all(events.map((event) => waitUntilFinished(event.id)));

    expect([...(batches[0] ?? [])].sort()).toEqual(events.map((event) => event.id).sort());
    // Only the failed event came again, on its own retry.
    expect(batches.slice(1)).toEqual([[failing.id]]);
    for (const job of jobs) expect(await job.getState()).toBe('completed');
    expect(jobs[2]!.attemptsMade).toBe(1);
    for (const event of events) expect(await isRecorded(event)).toBe(true);
  });

  it('when the batch handler fails an event with a non-retryable error, then that event alone fails for good', async () => {
    const events = Array.from({ length: 3 }, () => transactionRecorded());
    const permanent = Object.assign(new Error('unknown store'), { retryable: false });
    await consume(
      {
        'transaction.recorded': {
          handleBatch: (batch) =>
            Promise.resolve(batch.map((event) => (event.id === events[0]!.id ? permanent : undefined))),
          replays: 'handler',
        },
      },
      events.length,
    );

    await publish(events);
    const jobs = await Promise.all(events.map((event) => waitUntilFinished(event.id)));

    expect(await jobs[0]!.getState()).toBe('failed');
    expect(jobs[0]!.attemptsMade).toBe(1);
    expect(await jobs[1]!.getState()).toBe('completed');
    expect(await isRecorded(events[1]!)).toBe(false);
  });
});
