import { describe, expect, it } from 'vitest';
import { outboxUpdate, withOutbox } from './outbox.js';
import { transactionRecorded } from './test-fixtures/events.js';

describe('withOutbox', () => {
  it('adds the events and marks the document pending', () => {
    const event = transactionRecorded();

    expect(withOutbox({ totalMinor: 100 }, [event])).toEqual({
      totalMinor: 100,
      outbox: [event],
      outboxPending: true,
    });
  });

  it('leaves a document without events not pending', () => {
    expect(withOutbox({ totalMinor: 100 }, [])).toEqual({
      totalMinor: 100,
      outbox: [],
      outboxPending: false,
    });
  });

  it('rejects an event that is not a valid envelope, so the write fails instead of the dispatch', () => {
    const event = { ...transactionRecorded(), occurredAt: 'yesterday' };

    expect(() => withOutbox({}, [event])).toThrow();
  });
});

describe('outboxUpdate', () => {
  it('pushes the events and sets the pending flag beside the caller’s own operators', () => {
    const [first, second] = [transactionRecorded(), transactionRecorded()];

    expect(
      outboxUpdate([first, second], {
        $set: { claimedBy: 'mbr_1' },
        $push: { claims: 'c1' },
        $inc: { claims: 1 },
      }),
    ).toEqual({
      $set: { claimedBy: 'mbr_1', outboxPending: true },
      $push: { claims: 'c1', outbox: { $each: [first, second] } },
      $inc: { claims: 1 },
    });
  });

  it('returns the update unchanged when there is no event', () => {
    const update = { $set: { claimedBy: 'mbr_1' } };

    expect(outboxUpdate([], update)).toBe(update);
  });
});
