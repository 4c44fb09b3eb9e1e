import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EventEnvelope, ServiceName } from '@scontrino/contracts';
import { startRedis, tempDir } from '@scontrino/testing';
import mongoose, { type Model, type Types } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consumeEvents } from './event-consumer.js';
import { createEventPublisher, inboxQueueName } from './event-publisher.js';
import { outboxUpdate, withOutbox } from './outbox.js';
import {
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
  startOutboxDispatcher,
} from './outbox-dispatcher.js';
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

function dispatch(
  h: Harness,
  Receipts: Model<Receipt>,
  options: Partial<OutboxDispatcherOptions> = {},
): OutboxDispatcher {
  const dispatcher = startOutboxDispatcher({
    models: [Receipts],
    publish: createEventPublisher(h.queues),
    logger: silentLogger,
    retryDelayMs: 50,
    maxBackoffMs: 500,
    ...options,
  });
  cleanups.push(() => dispatcher.stop());
  return dispatcher;
}

async function receipt(
  Receipts: Model<Receipt>,
  events: EventEnvelope[],
): Promise<Receipt & { _id: Types.ObjectId }> {
  const created = await Receipts.create(
    withOutbox({ transactionId: `tx_${Math.random()}`, totalMinor: 1250 }, events),
  );
  return created.toObject();
}

/** Reads with the driver, past the model's collection, so spies on the latter see the dispatcher alone. */
async function waitUntilDispatched(Receipts: Model<Receipt>, _id: Types.ObjectId): Promise<void> {
  const receipts = Receipts.db
    .getClient()
    .db(Receipts.db.name)
    .collection(Receipts.collection.collectionName);
  await vi.waitFor(
    async () => expect(await receipts.findOne({ _id })).toMatchObject({ outbox: [], outboxPending: false }),
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

    dispatch(h, Receipts).kick(Receipts, [_id]);
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

    dispatch(h, Receipts, { logger });
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

    dispatch(h, Receipts, { logger });
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

  describe('when told what was written', () => {
    /** A dispatcher that sweeps only at start, once that sweep has run: what follows is told. */
    async function toldOnly(
      h: Harness,
      Receipts: Model<Receipt>,
      options: Partial<OutboxDispatcherOptions> = {},
    ): Promise<OutboxDispatcher> {
      const { _id } = await receipt(Receipts, [transactionRecorded()]);
      const dispatcher = dispatch(h, Receipts, { sweepIntervalMs: 3_600_000, ...options });
      await waitUntilDispatched(Receipts, _id);
      return dispatcher;
    }

    it('dispatches the documents named by id, and leaves the ones nobody named for a sweep', async () => {
      const { h, Receipts } = await setUp('outbox_told_ids');
      const dispatcher = await toldOnly(h, Receipts);
      const [told, stray] = [transactionRecorded(), transactionRecorded()];
      const toldReceipt = await receipt(Receipts, [told]);
      const strayReceipt = await receipt(Receipts, [stray]);

      dispatcher.kick(Receipts.modelName, [toldReceipt._id]);
      await waitUntilDispatched(Receipts, toldReceipt._id);
      expect(await inboxJobs(h, told)).toEqual([told, told]);
      expect(await Receipts.findById(strayReceipt._id).lean()).toMatchObject({ outboxPending: true });

      dispatcher.kick();
      await waitUntilDispatched(Receipts, strayReceipt._id);
      expect(await inboxJobs(h, stray)).toEqual([stray, stray]);
    });

    it('publishes the documents handed over as written without reading them back', async () => {
      const { h, Receipts } = await setUp('outbox_told_documents');
      const dispatcher = await toldOnly(h, Receipts);
      const events = [transactionRecorded(), transactionRecorded()];
      const written = withOutbox(
        { _id: new mongoose.Types.ObjectId(), transactionId: 'tx_1', totalMinor: 990 },
        events,
      );
      await Receipts.create(written);
      const findOne = vi.spyOn(Receipts.collection, 'findOne');
      const find = vi.spyOn(Receipts.collection, 'find');

      dispatcher.kick(Receipts, [written]);
      await waitUntilDispatched(Receipts, written._id);

      expect(await inboxJobs(h, events[0]!)).toEqual([events[0], events[0]]);
      expect(await inboxJobs(h, events[1]!)).toEqual([events[1], events[1]]);
      expect(findOne).not.toHaveBeenCalled();
      expect(find).not.toHaveBeenCalled();
    });

    it('publishes the events of many documents in batches of batchSize, each document in order', async () => {
      const { h, Receipts } = await setUp('outbox_batches');
      const batches: number[] = [];
      const publishToRedis = createEventPublisher(h.queues);
      const dispatcher = await toldOnly(h, Receipts, {
        batchSize: 10,
        publish: (events) => {
          batches.push(events.length);
          return publishToRedis(events);
        },
      });
      const receipts = [];
      for (let i = 0; i < 25; i++)
        receipts.push(await receipt(Receipts, [transactionRecorded(), transactionRecorded()]));
      const received: string[] = [];
      await consumeEvents({
        queues: h.queues,
        service: 'loyalty-service',
        connection: h.connection,
        handlers: { 'transaction.recorded': (event) => Promise.resolve(void received.push(event.id)) },
        logger: silentLogger,
      });
      batches.length = 0;

      dispatcher.kick(
        Receipts,
        receipts.map(({ _id }) => _id),
      );
      for (const { _id } of receipts) await waitUntilDispatched(Receipts, _id);

      expect(batches).toEqual([20, 20, 10]);
      const events = receipts.flatMap(({ outbox }) => outbox.map(({ id }) => id));
      await vi.waitFor(() => expect(received).toEqual(expect.arrayContaining(events)));
      for (const { outbox } of receipts) {
        const [first, second] = outbox.map(({ id }) => received.indexOf(id));
        expect(first).toBeLessThan(second!);
      }
    });

    it('does not lose an event pushed onto a document while its first event is being published', async () => {
      const { h, Receipts } = await setUp('outbox_pushed_meanwhile');
      const [first, pushed] = [transactionRecorded(), transactionRecorded()];
      const { _id } = await receipt(Receipts, [first]);
      const publishToRedis = createEventPublisher(h.queues);

      const dispatcher = dispatch(h, Receipts, {
        sweepIntervalMs: 3_600_000,
        publish: async (events) => {
          await publishToRedis(events);
          if (events.every(({ id }) => id !== pushed.id)) {
            // The writer appends after the read and before the removal, then tells, as writers do.
            await Receipts.updateOne({ _id }, outboxUpdate([pushed]));
            dispatcher.kick(Receipts, [_id]);
          }
        },
      });
      await waitUntilDispatched(Receipts, _id);

      expect(await inboxJobs(h, first)).toEqual([first, first]);
      expect(await inboxJobs(h, pushed)).toEqual([pushed, pushed]);
    });
  });

  it('finds a document nobody told it about at its next sweep', async () => {
    const { h, Receipts } = await setUp('outbox_sweep');
    const { logger, messages } = recordingLogger();
    dispatch(h, Receipts, { sweepIntervalMs: 200, logger });
    await vi.waitFor(() => expect(messages).toContain('outbox swept'));
    const event = transactionRecorded();

    const { _id } = await receipt(Receipts, [event]);

    await waitUntilDispatched(Receipts, _id);
    expect(await inboxJobs(h, event)).toEqual([event, event]);
  });

  it('when several dispatchers move the same documents at once, then every event is consumed once and every outbox ends empty', async () => {
    const { h, Receipts } = await setUp('outbox_racing');
    const handled = new Map<string, number>();
    await consumeEvents({
      queues: h.queues,
      service: 'loyalty-service',
      connection: h.connection,
      handlers: {
        'transaction.recorded': (event) =>
          Promise.resolve(void handled.set(event.id, (handled.get(event.id) ?? 0) + 1)),
      },
      concurrency: 5,
      logger: silentLogger,
    });
    const receipts = [];
    for (let i = 0; i < 30; i++)
      receipts.push(await receipt(Receipts, [transactionRecorded(), transactionRecorded()]));

    // A short sweep: a removal undone by a racing write on FerretDB leaves its document pending.
    const dispatchers = [1, 2, 3].map(() => dispatch(h, Receipts, { sweepIntervalMs: 200, batchSize: 7 }));
    for (const dispatcher of dispatchers) dispatcher.kick(Receipts, receipts);
    for (const { _id } of receipts) await waitUntilDispatched(Receipts, _id);

    const events = receipts.flatMap(({ outbox }) => outbox.map(({ id }) => id));
    await vi.waitFor(() => expect(handled.size).toBe(events.length), { timeout: 15_000 });
    expect([...handled.values()].every((count) => count === 1)).toBe(true);
  });

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
