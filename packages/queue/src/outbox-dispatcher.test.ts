import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EventEnvelope, ServiceName } from '@scontrino/contracts';
import { startRedis, tempDir } from '@scontrino/testing';
import type { Model } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consumeEvents } from './event-consumer.js';
import { createEventPublisher, inboxQueueName } from './event-publisher.js';
import { outboxUpdate, withOutbox } from './outbox.js';
import { type OutboxDispatcher, startOutboxDispatcher } from './outbox-dispatcher.js';
import { transactionRecorded } from './test-fixtures/events.js';
import { type Harness, harness, recordingLogger, silentLogger } from './test-fixtures/harness.js';
import { type Receipt, receiptModel } from './test-fixtures/receipts.js';

const subscribers: ServiceName[] = ['loyalty-service', 'reconciliation-service'];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(label: string, redisUrl?: string): Promise<{ h: Harness; Receipts: Model<Receipt> }> {
  const h = await harness(label, redisUrl);
  cleanups.push(() => h.close());
  const Receipts = receiptModel(h.connection);
  await Receipts.init();
  return { h, Receipts };
}

function dispatch(h: Harness, Receipts: Model<Receipt>, logger = silentLogger): OutboxDispatcher {
  const dispatcher = startOutboxDispatcher({
    models: [Receipts],
    publish: createEventPublisher(h.queues),
    logger,
    pollIntervalMs: 50,
    maxBackoffMs: 500,
  });
  cleanups.push(() => dispatcher.stop());
  return dispatcher;
}

async function receipt(
  Receipts: Model<Receipt>,
  events: EventEnvelope[],
): Promise<Receipt & { _id: unknown }> {
  const created = await Receipts.create(
    withOutbox({ transactionId: `tx_${Math.random()}`, totalMinor: 1250 }, events),
  );
  return created.toObject();
}

async function waitUntilDispatched(Receipts: Model<Receipt>, _id: unknown): Promise<void> {
  await vi.waitFor(
    async () =>
      expect(await Receipts.findById(_id).lean()).toMatchObject({ outbox: [], outboxPending: false }),
    { timeout: 15_000, interval: 50 },
  );
}

async function inboxJobs(h: Harness, event: EventEnvelope): Promise<unknown[]> {
  const jobs = await Promise.all(
    subscribers.map((service) => h.queues.queue(inboxQueueName(service)).getJob(event.id)),
  );
  return jobs.map((job) => job?.data as unknown);
}

/** Runs the crash fixture until it reaches `stopAt`, then SIGKILLs it there. */
async function crashDispatcherAt(h: Harness, stopAt: 'before-publish' | 'after-publish'): Promise<void> {
  const fixture = fileURLToPath(new URL('./test-fixtures/crash-dispatcher.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fixture, h.mongoUri, h.redisUrl, h.prefix, stopAt],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(child, 'exit');
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (line === stopAt) break;
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

describe('startOutboxDispatcher', () => {
  it('delivers an event recorded in a document to the inbox of every subscriber, and empties the outbox', async () => {
    const { h, Receipts } = await setUp('outbox_fanout');
    const event = transactionRecorded();
    const { _id } = await receipt(Receipts, [event]);

    dispatch(h, Receipts).kick();
    await waitUntilDispatched(Receipts, _id);

    expect(await inboxJobs(h, event)).toEqual([event, event]);
  });

  it('delivers events recorded by an update, in the order they were recorded', async () => {
    const { h, Receipts } = await setUp('outbox_update');
    const { _id } = await receipt(Receipts, []);
    const first = transactionRecorded();
    const second = transactionRecorded();
    const received: string[] = [];
    await consumeEvents({
      queues: h.queues,
      service: 'loyalty-service',
      connection: h.connection,
      handlers: { 'transaction.recorded': (event) => Promise.resolve(void received.push(event.id)) },
      logger: silentLogger,
    });

    await Receipts.updateOne({ _id }, outboxUpdate([first, second], { $set: { claimedBy: 'mbr_1' } }));
    dispatch(h, Receipts);
    await waitUntilDispatched(Receipts, _id);

    await vi.waitFor(() => expect(received).toEqual([first.id, second.id]));
    expect(await Receipts.findById(_id).lean()).toMatchObject({ claimedBy: 'mbr_1' });
  });

  it('leaves an invalid event in its document and still dispatches the other documents', async () => {
    const { h, Receipts } = await setUp('outbox_invalid');
    const invalid = { ...transactionRecorded(), type: 'receipt.lost' };
    const { insertedId } = await Receipts.collection.insertOne({ outbox: [invalid], outboxPending: true });
    const event = transactionRecorded();
    const { _id } = await receipt(Receipts, [event]);
    const { logger, messages } = recordingLogger();

    dispatch(h, Receipts, logger);
    await waitUntilDispatched(Receipts, _id);

    await vi.waitFor(() => expect(messages).toContain('invalid event in outbox'));
    expect(await inboxJobs(h, event)).toEqual([event, event]);
    expect(await Receipts.findById(insertedId).lean()).toMatchObject({
      outbox: [invalid],
      outboxPending: true,
    });
  });

  it('when Redis is down, then the event stays in the outbox and is delivered once Redis is back', async ({
    skip,
  }) => {
    const redis = await startRedis({ dataDir: await tempDir('outbox_redis') });
    cleanups.push(() => redis.stop());
    if (redis.kind === 'external') skip('an external Redis cannot be stopped');
    const { h, Receipts } = await setUp('outbox_redis_down', redis.url);
    await redis.stop();
    const { logger, messages } = recordingLogger();
    const event = transactionRecorded();
    const { _id } = await receipt(Receipts, [event]);

    dispatch(h, Receipts, logger);
    await vi.waitFor(
      () => expect(messages).toContain('outbox dispatch failed, events kept for the next round'),
      {
        timeout: 10_000,
      },
    );
    expect(await Receipts.findById(_id).lean()).toMatchObject({ outbox: [event], outboxPending: true });

    await redis.restart();
    await waitUntilDispatched(Receipts, _id);
    expect(await inboxJobs(h, event)).toEqual([event, event]);
  }, 30_000);

  describe('when the dispatching process is killed', () => {
    it('before publishing, then a later dispatcher delivers the event exactly once', async () => {
      const { h, Receipts } = await setUp('outbox_crash_before');
      const event = transactionRecorded();
      const { _id } = await receipt(Receipts, [event]);

      await crashDispatcherAt(h, 'before-publish');
      expect(await inboxJobs(h, event)).toEqual([undefined, undefined]);
      const handled = vi.fn(() => Promise.resolve());
      await consumeEvents({
        queues: h.queues,
        service: 'loyalty-service',
        connection: h.connection,
        handlers: { 'transaction.recorded': handled },
        logger: silentLogger,
      });
      dispatch(h, Receipts);
      await waitUntilDispatched(Receipts, _id);
      await vi.waitFor(() => expect(handled).toHaveBeenCalled());
      expect(await inboxJobs(h, event)).toEqual([event, event]);
      await h.queues.close();

      expect(handled).toHaveBeenCalledOnce();
    }, 30_000);

    it('after publishing but before removing the event, then it is published again and consumed once', async () => {
      const { h, Receipts } = await setUp('outbox_crash_after');
      const event = transactionRecorded();
      const { _id } = await receipt(Receipts, [event]);
      const handled = vi.fn(() => Promise.resolve());
      await consumeEvents({
        queues: h.queues,
        service: 'loyalty-service',
        connection: h.connection,
        handlers: { 'transaction.recorded': handled },
        logger: silentLogger,
      });

      await crashDispatcherAt(h, 'after-publish');
      expect(await Receipts.findById(_id).lean()).toMatchObject({ outbox: [event], outboxPending: true });
      await vi.waitFor(() => expect(handled).toHaveBeenCalled());
      dispatch(h, Receipts);
      await waitUntilDispatched(Receipts, _id);
      const loyaltyInbox = h.queues.queue(inboxQueueName('loyalty-service'));
      await vi.waitFor(async () =>
        expect(await loyaltyInbox.getJobCounts()).toMatchObject({ completed: 1, waiting: 0, active: 0 }),
      );
      await h.queues.close();

      expect(handled).toHaveBeenCalledOnce();
    }, 30_000);
  });
});
