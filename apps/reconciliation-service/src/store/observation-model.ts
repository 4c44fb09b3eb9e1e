import { modelOn } from '@scontrino/db';
import { type OutboxFields, outboxFields } from '@scontrino/queue';
import { type Connection, type Model, Schema } from 'mongoose';
import type { Observation } from '../domain/observations/observation.js';

/**
 * An observation, stored once (`_id` from its source's id). A web order carries its
 * `online.order.placed` in its outbox; nothing updates an observation after its insert, except
 * an erasure removing an erased person's identifiers.
 */
export interface ObservationDocument extends Omit<Observation, 'observationId'>, OutboxFields {
  _id: string;
  /**
   * The ids of `identifiers`, at the top level: a profile's observations are those naming one of
   * its identifiers, found by this indexed array (an equality on a top-level field, which the
   * local database answers from an index; `identifiers.id` is a dotted path it would scan for).
   */
  identifierIds: string[];
}

const observationSchema = new Schema<ObservationDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    channel: { type: String, required: true },
    rule: { type: String, required: true },
    at: { type: Date, required: true },
    storeId: { type: String, default: null },
    shopId: { type: String, default: null },
    pickupStoreId: { type: String, default: null },
    purchase: { type: Schema.Types.Mixed, default: null },
    identifiers: { type: Schema.Types.Mixed, default: [] },
    identifierIds: { type: [String], default: [] },
    nameSealed: { type: String, default: null },
    ...outboxFields,
  },
  { collection: 'observations', versionKey: false, minimize: false },
);
observationSchema.index({ identifierIds: 1 });

export function observationModel(connection: Connection): Model<ObservationDocument> {
  return modelOn<ObservationDocument>(connection, 'Observation', observationSchema);
}

/** Written once an observation's identifiers are linked: `observations.status` reads it. */
export interface LinkedMarkerDocument {
  _id: string;
  tenantId: string;
  linkedAt: Date;
}

const linkedMarkerSchema = new Schema<LinkedMarkerDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    linkedAt: { type: Date, required: true },
  },
  { collection: 'linked_observations', versionKey: false },
);

export function linkedMarkerModel(connection: Connection): Model<LinkedMarkerDocument> {
  return modelOn<LinkedMarkerDocument>(connection, 'LinkedObservation', linkedMarkerSchema);
}

export function observationFromDocument(document: ObservationDocument): Observation {
  const { _id, outbox: _outbox, outboxPending: _pending, identifierIds: _ids, ...rest } = document;
  return { ...rest, observationId: _id };
}

/** The document of an observation, as inserted. */
export function observationDocument(observation: Observation): Omit<ObservationDocument, keyof OutboxFields> {
  const { observationId, ...fields } = observation;
  return { _id: observationId, ...fields, identifierIds: observation.identifiers.map((i) => i.id) };
}
