import { isDuplicateKeyError } from '@scontrino/db';
import type { Model } from 'mongoose';
import { findAllById, insertEach, type InsertOutcome, updateEachById } from './by-id.js';
import type { IdentifierDocument, StoredLink, StoredQuarantine } from './identifier-model.js';

/** Fields set on an identifier, and links added (a link already held stays once). */
export interface IdentifierChange {
  set?: Partial<Omit<IdentifierDocument, '_id'>>;
  addLinks?: readonly StoredLink[];
}

/** The update of one {@link IdentifierChange}; null when it changes nothing. */
function updateOf({ set = {}, addLinks = [] }: IdentifierChange): Record<string, unknown> | null {
  const update: Record<string, unknown> = {};
  if (Object.keys(set).length > 0) update.$set = set;
  if (addLinks.length > 0) update.$addToSet = { links: { $each: addLinks } };
  return Object.keys(update).length > 0 ? update : null;
}

/** Identifier documents; the graph's single writer (per tenant) is the only one calling the writes. */
export interface IdentifierStore {
  get(id: string): Promise<IdentifierDocument | null>;
  load(ids: Iterable<string>): Promise<Map<string, IdentifierDocument>>;
  /** Inserts a new identifier; when it already exists, returns the stored one. */
  create(document: IdentifierDocument): Promise<IdentifierDocument>;
  /** Inserts identifiers in one `insertMany`: the outcome of each, in order. */
  insertEach(documents: readonly IdentifierDocument[]): Promise<InsertOutcome[]>;
  /** One update of one identifier: fields set, and links added (a link already held stays once). */
  change(id: string, change: IdentifierChange): Promise<void>;
  /** The same for many identifiers (distinct ids), in one command. */
  changeEach(changes: readonly { id: string; change: IdentifierChange }[]): Promise<void>;
  addLinks(id: string, links: readonly StoredLink[]): Promise<void>;
  replaceLinks(id: string, links: readonly StoredLink[]): Promise<void>;
  setProfile(id: string, profileId: string | null): Promise<void>;
  quarantine(id: string, quarantine: StoredQuarantine): Promise<void>;
  /** A proof, an earlier sighting, or a name (its keyed hash) seen with the identifier. */
  markSeen(
    id: string,
    change: { verified?: boolean; firstSeenAt?: Date; name?: string; numberKey?: string },
  ): Promise<void>;
  addCut(id: string, linkId: string): Promise<void>;
  addOverride(id: string, overrideId: string): Promise<void>;
  /** Staff's latest word on a pair wins: the opposite override leaves both ends. */
  replaceOverrides(id: string, overrideIds: readonly string[]): Promise<void>;
  /** The names (keyed hashes) it keeps; an erasure takes out the erased person's. */
  replaceNames(id: string, names: readonly string[]): Promise<void>;
  remove(id: string): Promise<void>;
}

export function identifierStore(Identifiers: Model<IdentifierDocument>): IdentifierStore {
  const get = async (id: string) =>
    (await Identifiers.findById(id).lean().exec()) as IdentifierDocument | null;
  return {
    get,
    load: (ids) => findAllById(Identifiers, ids),
    async create(document) {
      try {
        await Identifiers.create(document);
        return document;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return (await get(document._id)) ?? document;
      }
    },
    insertEach: (documents) => insertEach(Identifiers.collection, documents),
    async change(id, change) {
      const update = updateOf(change);
      if (update) await Identifiers.updateOne({ _id: id }, update);
    },
    async changeEach(changes) {
      await updateEachById(
        Identifiers,
        changes.flatMap(({ id, change }) => {
          const update = updateOf(change);
          return update ? [{ id, update }] : [];
        }),
      );
    },
    async addLinks(id, links) {
      if (links.length > 0)
        await Identifiers.updateOne({ _id: id }, { $addToSet: { links: { $each: links } } });
    },
    async replaceLinks(id, links) {
      await Identifiers.updateOne({ _id: id }, { $set: { links } });
    },
    async setProfile(id, profileId) {
      await Identifiers.updateOne({ _id: id }, { $set: { profileId } });
    },
    async quarantine(id, quarantine) {
      await Identifiers.updateOne({ _id: id }, { $set: { quarantined: quarantine, profileId: null } });
    },
    async markSeen(id, change) {
      const set: Record<string, unknown> = {};
      if (change.verified) set.verified = true;
      if (change.firstSeenAt) set.firstSeenAt = change.firstSeenAt;
      if (change.numberKey) set.numberKey = change.numberKey;
      const update: Record<string, unknown> = {};
      if (Object.keys(set).length > 0) update.$set = set;
      if (change.name) update.$addToSet = { names: change.name };
      if (Object.keys(update).length > 0) await Identifiers.updateOne({ _id: id }, update);
    },
    async addCut(id, linkId) {
      await Identifiers.updateOne({ _id: id }, { $addToSet: { cutLinkIds: linkId } });
    },
    async addOverride(id, overrideId) {
      await Identifiers.updateOne({ _id: id }, { $addToSet: { overrideIds: overrideId } });
    },
    async replaceOverrides(id, overrideIds) {
      await Identifiers.updateOne({ _id: id }, { $set: { overrideIds } });
    },
    async replaceNames(id, names) {
      await Identifiers.updateOne({ _id: id }, { $set: { names } });
    },
    async remove(id) {
      await Identifiers.deleteOne({ _id: id });
    },
  };
}
