import type { EventEnvelope } from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import { withOutbox } from '@scontrino/queue';
import type { Model } from 'mongoose';
import type { Observation } from '../domain/observations/observation.js';
import { findAllById } from './by-id.js';
import {
  type LinkedMarkerDocument,
  observationFromDocument,
  type ObservationDocument,
} from './observation-model.js';

export interface ObservationStore {
  /** Stores the observation (with its events) once; a second insert is a duplicate, the first wins. */
  insert(observation: Observation, events?: readonly EventEnvelope[]): Promise<'inserted' | 'duplicate'>;
  get(id: string): Promise<Observation | null>;
  load(ids: Iterable<string>): Promise<Map<string, Observation>>;
  /** Every purchase of a tenant, by observation id (RFM cut-offs). */
  purchasesOf(tenantId: string): Promise<Map<string, Pick<Observation, 'purchase' | 'channel'>>>;
  markLinked(id: string, tenantId: string, at: Date): Promise<void>;
  isLinked(id: string): Promise<boolean>;
  /** An erasure's only update: the erased person's identifiers leave an observation others share. */
  removeIdentifiers(id: string, identifierIds: ReadonlySet<string>): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Retention: what was bought (lines, amounts, store) leaves observations older than `before`;
   * who was seen together, when and by which rule stays, as the evidence of the links.
   */
  forgetPurchasesBefore(before: Date): Promise<number>;
}

export function observationStore(
  Observations: Model<ObservationDocument>,
  Markers: Model<LinkedMarkerDocument>,
): ObservationStore {
  const get = async (id: string) => {
    const document = (await Observations.findById(id).lean().exec()) as ObservationDocument | null;
    return document ? observationFromDocument(document) : null;
  };
  return {
    async insert(observation, events = []) {
      const { observationId, ...fields } = observation;
      try {
        await Observations.create(withOutbox({ _id: observationId, ...fields }, events));
        return 'inserted';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'duplicate';
        throw error;
      }
    },
    get,
    async load(ids) {
      const documents = await findAllById(Observations, ids);
      return new Map([...documents].map(([id, document]) => [id, observationFromDocument(document)]));
    },
    async purchasesOf(tenantId) {
      const documents = (await Observations.find(
        { tenantId, purchase: { $ne: null } },
        { purchase: 1, channel: 1 },
      )
        .lean()
        .exec()) as Pick<ObservationDocument, '_id' | 'purchase' | 'channel'>[];
      return new Map(documents.map((d) => [d._id, { purchase: d.purchase, channel: d.channel }]));
    },
    async markLinked(id, tenantId, at) {
      try {
        await Markers.create({ _id: id, tenantId, linkedAt: at });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    isLinked: async (id) => (await Markers.exists({ _id: id })) !== null,
    async removeIdentifiers(id, identifierIds) {
      const observation = await get(id);
      if (!observation) return;
      const kept = observation.identifiers.filter((identifier) => !identifierIds.has(identifier.id));
      // The name may be the erased person's: it goes too.
      await Observations.updateOne({ _id: id }, { $set: { identifiers: kept, nameSealed: null } });
    },
    async forgetPurchasesBefore(before) {
      const stripped = await Observations.updateMany(
        { at: { $lt: before }, purchase: { $ne: null } },
        { $set: { purchase: null } },
      );
      return stripped.modifiedCount;
    },
    async remove(id) {
      await Observations.deleteOne({ _id: id });
      await Markers.deleteOne({ _id: id });
    },
  };
}
