import type { EventEnvelope } from '@scontrino/contracts';
import type { Model } from 'mongoose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublishEvents } from './event-publisher.js';
import { dispatchBatch } from './outbox-batch.js';
import { transactionRecorded } from './test-fixtures/events.js';
import { type Harness, harness, silentLogger } from './test-fixtures/harness.js';
import { type Receipt, receiptModel } from './test-fixtures/receipts.js';

let h: Harness;
let Receipts: Model<Receipt>;
let published: EventEnvelope[];
const publish: PublishEvents = (events) => Promise.resolve(void published.push(...events));

beforeEach(async () => {
  h = await harness('outbox_batch');
  Receipts = receiptModel(h.connection);
  await Receipts.init();
  published = [];
});
afterEach(() => h.close());

/** Stores a document with exactly this outbox, as some earlier write left it. */
async function stored(outbox: unknown[], outboxPending = outbox.length > 0) {
  const { insertedId } = await Receipts.collection.insertOne({ outbox, outboxPending });
  return insertedId;
}

const current = async (_id: unknown) =>
  await Receipts.collection.findOne({ _id: _id as never }, { projection: { outbox: 1, outboxPending: 1 } });

describe('dispatchBatch', () => {
  it('publishes every event of every document in one call and empties their outboxes', async () => {
    const [a1, a2, b1] = [transactionRecorded(), transactionRecorded(), transactionRecorded()];
    const a = await stored([a1, a2]);
    const b = await stored([b1]);

    const outcome = await dispatchBatch(
      Receipts,
      [
        { _id: a, outbox: [a1, a2] },
        { _id: b, outbox: [b1] },
      ],
      publish,
      silentLogger,
    );

    expect(outcome).toEqual({ published: 3, missed: 0 });
    expect(published).toEqual([a1, a2, b1]);
    expect(await current(a)).toMatchObject({ outbox: [], outboxPending: false });
    expect(await current(b)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('empties the outboxes of more documents than the local database has connections, in one go', async () => {
    const written = [];
    for (let i = 0; i < 60; i++) {
      const event = transactionRecorded();
      written.push({ _id: await stored([event]), outbox: [event] });
    }

    const outcome = await dispatchBatch(Receipts, written, publish, silentLogger);

    expect(outcome).toEqual({ published: 60, missed: 0 });
    expect(await Receipts.collection.countDocuments({ outboxPending: true })).toBe(0);
  });

  it('when an event was appended after the outbox was read, then the removal leaves every event in place', async () => {
    const [first, appended] = [transactionRecorded(), transactionRecorded()];
    const _id = await stored([first, appended]);

    const outcome = await dispatchBatch(Receipts, [{ _id, outbox: [first] }], publish, silentLogger);

    expect(outcome).toEqual({ published: 1, missed: 1 });
    expect(await current(_id)).toMatchObject({ outbox: [first, appended], outboxPending: true });
  });

  it('when another dispatcher emptied the outbox after it was read, then the removal does not bring anything back', async () => {
    const event = transactionRecorded();
    const _id = await stored([], false);

    const outcome = await dispatchBatch(Receipts, [{ _id, outbox: [event] }], publish, silentLogger);

    expect(outcome).toEqual({ published: 1, missed: 1 });
    expect(await current(_id)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('publishes the events before an invalid one and keeps the invalid one and those after it', async () => {
    const [before, after] = [transactionRecorded(), transactionRecorded()];
    const invalid = { ...transactionRecorded(), occurredAt: 'yesterday' };
    const _id = await stored([before, invalid, after]);

    await dispatchBatch(Receipts, [{ _id, outbox: [before, invalid, after] }], publish, silentLogger);

    expect(published).toEqual([before]);
    expect(await current(_id)).toMatchObject({ outbox: [invalid, after], outboxPending: true });
  });

  it('clears the flag of a pending document whose outbox is empty', async () => {
    const _id = await stored([], true);

    await dispatchBatch(Receipts, [{ _id, outbox: [] }], publish, silentLogger);

    expect(published).toEqual([]);
    expect(await current(_id)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('when Redis refuses the events, then nothing leaves the documents', async () => {
    const event = transactionRecorded();
    const _id = await stored([event]);
    const down = vi.fn<PublishEvents>().mockRejectedValue(new Error('connection is closed'));

    await expect(dispatchBatch(Receipts, [{ _id, outbox: [event] }], down, silentLogger)).rejects.toThrow(
      'connection is closed',
    );

    expect(await current(_id)).toMatchObject({ outbox: [event], outboxPending: true });
  });
});
