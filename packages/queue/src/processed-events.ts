import { modelOn } from '@scontrino/db';
import { type Connection, type Model, mongo, Schema } from 'mongoose';
import { type MicroBatcher, microBatcher } from './micro-batch.js';

export interface ProcessedEvent {
  /** `<consumer>:<eventId>`: the look-up is by `_id`, the one query the local database does not scan for. */
  _id: string;
  consumer: string;
  eventId: string;
  type: string;
  processedAt: Date;
}

const processedEventSchema = new Schema<ProcessedEvent>(
  {
    _id: { type: String, required: true },
    consumer: { type: String, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    // For a retention purge: FerretDB has no TTL indexes.
    processedAt: { type: Date, required: true },
  },
  { collection: 'processed_events', versionKey: false },
);

export const processedEventId = (consumer: string, eventId: string) => `${consumer}:${eventId}`;

/** The record of events a consumer has handled, on the consuming service's own connection. */
export function processedEventModel(connection: Connection): Model<ProcessedEvent> {
  return modelOn<ProcessedEvent>(connection, 'ProcessedEvent', processedEventSchema);
}

/** How long a record waits, at most, for the records of jobs running beside it. */
export const RECORD_BATCH_WAIT_MS = 5;

const DUPLICATE_KEY = 11000;

/**
 * Records processed events, those that arrive together in one `insertMany` (unordered). A record
 * that is already there is no failure: the event was handled twice, which idempotent handlers allow.
 */
export function processedEventRecorder(
  model: Model<ProcessedEvent>,
  maxSize: number,
): MicroBatcher<ProcessedEvent, undefined> {
  const collection = model.db.collection<ProcessedEvent>(model.collection.collectionName);
  return microBatcher({
    maxSize,
    maxWaitMs: RECORD_BATCH_WAIT_MS,
    async run(records) {
      const outcomes: (undefined | Error)[] = records.map(() => undefined);
      try {
        await collection.insertMany([...records], { ordered: false });
      } catch (error) {
        if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
        for (const writeError of ([] as mongo.WriteError[]).concat(error.writeErrors)) {
          if (writeError.code !== DUPLICATE_KEY) outcomes[writeError.index] = new Error(writeError.errmsg);
        }
      }
      return outcomes;
    },
  });
}
