import { isDuplicateKeyError } from '@scontrino/db';
import type { Model } from 'mongoose';
import { findAllById, insertEach, type InsertOutcome, updateEachById } from './by-id.js';
import type { HouseholdDocument, ProfileDocument } from './profile-model.js';

export interface ProfileStore {
  get(id: string): Promise<ProfileDocument | null>;
  load(ids: Iterable<string>): Promise<Map<string, ProfileDocument>>;
  /** Inserts a profile; one already there (an operation replayed after a crash) is overwritten. */
  insert(profile: ProfileDocument): Promise<void>;
  /** Inserts profiles in one `insertMany`: the outcome of each, in order. */
  insertEach(profiles: readonly ProfileDocument[]): Promise<InsertOutcome[]>;
  update(id: string, set: Partial<Omit<ProfileDocument, '_id' | 'tenantId'>>): Promise<void>;
  /** The same for many profiles (distinct ids), in one command. */
  updateEach(updates: readonly { id: string; set: Partial<Omit<ProfileDocument, '_id'>> }[]): Promise<void>;
  /** Live profiles of a tenant in id order, after `cursor`. */
  page(tenantId: string, cursor: string | null, limit: number): Promise<ProfileDocument[]>;
  /** Every live profile of a tenant with its identifiers (the RFM cut-offs read them all). */
  identifierListsOf(tenantId: string): Promise<{ _id: string; identifierIds: string[] }[]>;
  /** Follows `mergedInto` pointers to the live profile; null for an unknown or erased one. */
  resolveLive(id: string): Promise<ProfileDocument | null>;
  getHousehold(id: string): Promise<HouseholdDocument | null>;
  putHousehold(household: HouseholdDocument): Promise<void>;
  removeHousehold(id: string): Promise<void>;
}

export function profileStore(
  Profiles: Model<ProfileDocument>,
  Households: Model<HouseholdDocument>,
): ProfileStore {
  const get = async (id: string) => (await Profiles.findById(id).lean().exec()) as ProfileDocument | null;
  return {
    get,
    load: (ids) => findAllById(Profiles, ids),
    async insert(profile) {
      try {
        await Profiles.create(profile);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const { _id, ...fields } = profile;
        await Profiles.updateOne({ _id }, { $set: fields });
      }
    },
    insertEach: (profiles) => insertEach(Profiles.collection, profiles),
    async update(id, set) {
      await Profiles.updateOne({ _id: id }, { $set: set });
    },
    async updateEach(updates) {
      await updateEachById(
        Profiles,
        updates
          .filter(({ set }) => Object.keys(set).length > 0)
          .map(({ id, set }) => ({ id, update: { $set: set } })),
      );
    },
    async page(tenantId, cursor, limit) {
      const filter = { tenantId, retiredAt: null, ...(cursor !== null && { _id: { $gt: cursor } }) };
      return await Profiles.find(filter).sort({ _id: 1 }).limit(limit).lean().exec();
    },
    async identifierListsOf(tenantId) {
      return await Profiles.find({ tenantId, retiredAt: null }, { identifierIds: 1 }).lean().exec();
    },
    async resolveLive(id) {
      let current = await get(id);
      for (let hops = 0; current?.mergedInto && hops < 50; hops += 1) current = await get(current.mergedInto);
      return current && current.retiredAt === null ? current : null;
    },
    getHousehold: async (id) => await Households.findById(id).lean().exec(),
    async putHousehold(household) {
      await Households.replaceOne({ _id: household._id }, household, { upsert: true });
    },
    async removeHousehold(id) {
      await Households.deleteOne({ _id: id });
    },
  };
}
