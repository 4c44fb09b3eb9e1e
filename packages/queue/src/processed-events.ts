import { type Connection, type Model, Schema } from 'mongoose';

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
  return (
    (connection.models.ProcessedEvent as Model<ProcessedEvent> | undefined) ??
    connection.model('ProcessedEvent', processedEventSchema)
  );
}
