import type { EventEnvelope } from '@scontrino/contracts';
import { groupCommit, isDuplicateKeyError } from '@scontrino/db';
import { type WrittenOutbox, withOutbox } from '@scontrino/queue';
import type { Model } from 'mongoose';
import type { Observation } from '../domain/observations/observation.js';
import { eachLimited, findAllById, insertEach, type InsertOutcome } from './by-id.js';
import {
  type LinkedMarkerDocument,
  observationDocument,
  observationFromDocument,
  type ObservationDocument,
} from './observation-model.js';

/** A purchase as the RFM cut-offs read it, with the identifiers that saw it. */
export interface StoredPurchase {
  observationId: string;
  identifierIds: string[];
  purchase: Observation['purchase'];
  channel: Observation['channel'];
}

export interface ObservationStore {
  /**
   * Stores the observation (with its events) once; a second insert is a duplicate, the first
   * wins. Inserts arriving together go as one `insertMany`. Answers with the outbox as written,
   * for the dispatcher.
   */
  insert(
    observation: Observation,
    events?: readonly EventEnvelope[],
  ): Promise<{ outcome: InsertOutcome; written: WrittenOutbox }>;
  /** Stores observations without events, in one `insertMany`: the outcome of each, in order. */
  insertEach(observations: readonly Observation[]): Promise<InsertOutcome[]>;
  get(id: string): Promise<Observation | null>;
  load(ids: Iterable<string>): Promise<Map<string, Observation>>;
  /**
   * The observations naming any of these identifiers (a profile's, given its identifiers), each
   * once, newest first: one indexed equality per identifier.
   */
  naming(identifierIds: readonly string[]): Promise<Observation[]>;
  /** Every purchase of a tenant with the identifiers that saw it (RFM cut-offs). */
  purchasesOf(tenantId: string): Promise<StoredPurchase[]>;
  markLinked(id: string, tenantId: string, at: Date): Promise<void>;
  /** Marks observations linked, in one `insertMany`; one already marked stays as it was. */
  markLinkedEach(markers: readonly LinkedMarkerDocument[]): Promise<void>;
  isLinked(id: string): Promise<boolean>;
  /** Which of these observations are marked linked: one `find` by `_id`. */
  linkedAmong(ids: readonly string[]): Promise<Set<string>>;
  /** An erasure's only update: the erased person's identifiers leave an observation others share. */
  removeIdentifiers(id: string, identifierIds: ReadonlySet<string>): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Retention: what was bought (lines, amounts, store) leaves observations older than `before`;
   * who was seen together, when and by which rule stays, as the evidence of the links.
   */
  forgetPurchasesBefore(before: Date): Promise<number>;
}

/** Observations this process stored in the last {@link RECENT_TTL_MS}, kept for the inbox that links them. */
const RECENT_LIMIT = 2_000;
const RECENT_TTL_MS = 60_000;

export function observationStore(
  Observations: Model<ObservationDocument>,
  Markers: Model<LinkedMarkerDocument>,
  now: () => number = Date.now,
): ObservationStore {
  // An API's web order goes to the inbox of this process a few ms after its insert: the inbox
  // takes it from here, not from the database. Only an erasure changes a stored observation (it
  // forgets it here first); retention strips older ones only.
  const recent = new Map<string, { at: number; observation: Observation }>();
  const remember = (document: ObservationDocument) => {
    recent.delete(document._id);
    recent.set(document._id, { at: now(), observation: observationFromDocument(document) });
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  };
  const get = async (id: string) => {
    const kept = recent.get(id);
    if (kept && now() - kept.at <= RECENT_TTL_MS) return kept.observation;
    const document = (await Observations.findById(id).lean().exec()) as ObservationDocument | null;
    return document ? observationFromDocument(document) : null;
  };
  const inserts = groupCommit(
    Observations.db.collection<ObservationDocument>(Observations.collection.collectionName),
    { maxInFlight: 2 },
  );
  return {
    async insert(observation, events = []) {
      const document = withOutbox(observationDocument(observation), events);
      const outcome = await inserts.insert(document);
      if (outcome === 'inserted') remember(document);
      return { outcome, written: { _id: document._id, outbox: document.outbox } };
    },
    insertEach: (observations) =>
      insertEach(
        Observations.collection,
        observations.map((observation) => withOutbox(observationDocument(observation), [])),
      ),
    get,
    async load(ids) {
      const documents = await findAllById(Observations, ids);
      return new Map([...documents].map(([id, document]) => [id, observationFromDocument(document)]));
    },
    async naming(identifierIds) {
      const found = new Map<string, Observation>();
      const lists = await eachLimited(
        [...new Set(identifierIds)],
        async (identifierId) =>
          (await Observations.find({ identifierIds: identifierId }).lean().exec()) as ObservationDocument[],
      );
      for (const document of lists.flat()) found.set(document._id, observationFromDocument(document));
      return [...found.values()].sort((x, y) => y.at.getTime() - x.at.getTime());
    },
    async purchasesOf(tenantId) {
      const documents = (await Observations.find(
        { tenantId, purchase: { $ne: null } },
        { purchase: 1, channel: 1, identifierIds: 1 },
      )
        .lean()
        .exec()) as Pick<ObservationDocument, '_id' | 'purchase' | 'channel' | 'identifierIds'>[];
      return documents.map((d) => ({
        observationId: d._id,
        identifierIds: d.identifierIds ?? [],
        purchase: d.purchase,
        channel: d.channel,
      }));
    },
    async markLinked(id, tenantId, at) {
      try {
        await Markers.create({ _id: id, tenantId, linkedAt: at });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async markLinkedEach(markers) {
      await insertEach(Markers.collection, markers);
    },
    isLinked: async (id) => (await Markers.exists({ _id: id })) !== null,
    async linkedAmong(ids) {
      if (ids.length === 0) return new Set();
      // Point reads: the local database scans the whole collection for `$in` (see by-id.ts).
      return new Set((await findAllById(Markers, ids)).keys());
    },
    async removeIdentifiers(id, identifierIds) {
      recent.delete(id);
      const observation = await get(id);
      if (!observation) return;
      const kept = observation.identifiers.filter((identifier) => !identifierIds.has(identifier.id));
      // The name may be the erased person's: it goes too.
      await Observations.updateOne(
        { _id: id },
        { $set: { identifiers: kept, identifierIds: kept.map((i) => i.id), nameSealed: null } },
      );
    },
    async forgetPurchasesBefore(before) {
      const stripped = await Observations.updateMany(
        { at: { $lt: before }, purchase: { $ne: null } },
        { $set: { purchase: null } },
      );
      return stripped.modifiedCount;
    },
    async remove(id) {
      recent.delete(id);
      await Observations.deleteOne({ _id: id });
      await Markers.deleteOne({ _id: id });
    },
  };
}
