import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ProcessedEvent, processedEventModel, processedEventRecorder } from './processed-events.js';
import { type Harness, harness } from './test-fixtures/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness('processed_events');
});
afterEach(() => h.close());

const record = (eventId: string): ProcessedEvent => ({
  _id: `loyalty-service:${eventId}`,
  consumer: 'loyalty-service',
  eventId,
  type: 'transaction.recorded',
  processedAt: new Date(),
});

describe('processedEventRecorder', () => {
  it('stores the records added together, and takes a record already there as stored', async () => {
    const Processed = processedEventModel(h.connection);
    await Processed.init();
    await Processed.create(record('evt_before'));
    const recorder = processedEventRecorder(Processed, 3);

    const outcomes = await Promise.allSettled(
      ['evt_1', 'evt_before', 'evt_2'].map((id) => recorder.add(record(id))),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const stored = await Processed.find({}, { eventId: 1 }).lean();
    expect(stored.map(({ eventId }) => eventId).sort()).toEqual(['evt_1', 'evt_2', 'evt_before']);
  });
});
