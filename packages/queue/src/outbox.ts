import { type EventEnvelope, eventEnvelopeSchema } from '@scontrino/contracts';
import { Schema } from 'mongoose';
import { correlated } from './correlation.js';

/** The outbox fields a model gets from {@link outboxFields}. */
export interface OutboxFields {
  /** Events recorded with the document and not yet handed to Redis, oldest first. */
  outbox: EventEnvelope[];
  /** True while `outbox` may hold events; indexed, so the dispatcher finds work cheaply. */
  outboxPending: boolean;
}

const outboxEventSchema = new Schema<EventEnvelope>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    version: { type: Number, required: true },
    // Kept as the ISO string of the envelope so the event is republished byte for byte.
    occurredAt: { type: String, required: true },
    payload: { type: Schema.Types.Mixed },
    correlationId: { type: String },
  },
  { _id: false, id: false, minimize: false },
);

/**
 * Schema paths to spread into the definition of any model whose writes must produce events:
 * `new Schema({ ...fields, ...outboxFields })`.
 */
export const outboxFields = {
  outbox: { type: [outboxEventSchema], default: [] },
  outboxPending: { type: Boolean, default: false, index: true },
};

/**
 * The document to insert, with its events recorded in the same write:
 * `await Receipts.create(withOutbox(receipt, [receiptIssued]))`.
 * Throws if an event is not a valid envelope, so a bad event fails the write, not the dispatch.
 */
export function withOutbox<TDocument extends object>(
  document: TDocument,
  events: readonly EventEnvelope[],
): TDocument & OutboxFields {
  return { ...document, outbox: events.map(validated), outboxPending: events.length > 0 };
}

/** A MongoDB update, as `$set` and `$push` and any other operators it holds. */
export interface UpdateOperators {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  [operator: `$${string}`]: unknown;
}

/**
 * `update` extended to record events in the same single-document update:
 * `await Receipts.updateOne({ _id }, outboxUpdate([claimed], { $set: { claimedBy } }))`.
 * Throws if an event is not a valid envelope.
 *
 * Safe on MongoDB only: on FerretDB v1 concurrent updates of one document are not atomic, so
 * this update can be lost to the dispatcher's `$pop` of an earlier event. Where the code must
 * also run on FerretDB, insert a new document with {@link withOutbox} instead.
 */
export function outboxUpdate(
  events: readonly EventEnvelope[],
  update: UpdateOperators = {},
): UpdateOperators {
  if (events.length === 0) return update;
  return {
    ...update,
    $push: { ...update.$push, outbox: { $each: events.map(validated) } },
    $set: { ...update.$set, outboxPending: true },
  };
}

/** Validated, and stamped with the request's correlation id while the request is being served. */
function validated(event: EventEnvelope): EventEnvelope {
  return eventEnvelopeSchema.parse(correlated(event));
}
