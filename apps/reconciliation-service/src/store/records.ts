import type { EventEnvelope } from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import { withOutbox } from '@scontrino/queue';
import type { Model } from 'mongoose';
import { eachLimited, insertEach, type InsertOutcome } from './by-id.js';
import type {
  ErasureRecordDocument,
  MergeRecordDocument,
  RecordModels,
  UnmergeRecordDocument,
} from './record-models.js';

type Fields<T> = Omit<T, 'outbox' | 'outboxPending'>;

export interface RecordStore {
  /** Each returns false when the record already exists (a replayed operation): its event went out once. */
  recordMerge(record: Fields<MergeRecordDocument>, event: EventEnvelope): Promise<boolean>;
  recordUnmerge(record: Fields<UnmergeRecordDocument>, event: EventEnvelope): Promise<boolean>;
  recordErasure(record: Fields<ErasureRecordDocument>, event: EventEnvelope): Promise<boolean>;
  /** Merge records with their events in one `insertMany`: the outcome of each, in order. */
  recordMerges(records: readonly MergeRecordDocument[]): Promise<InsertOutcome[]>;
  recordUnmerges(records: readonly UnmergeRecordDocument[]): Promise<InsertOutcome[]>;
  getErasure(id: string): Promise<ErasureRecordDocument | null>;
  addTombstones(
    tenantId: string,
    identifierIds: readonly string[],
    erasureId: string,
    at: Date,
  ): Promise<void>;
  /** The ids among these that belong to erased people. */
  tombstoned(identifierIds: readonly string[]): Promise<Set<string>>;
  /**
   * An erasure: merge and unmerge records whose events are out forget the erased identifier ids
   * (the profile ids and the history stay). Returns how many records changed.
   */
  forgetIdentifiers(tenantId: string, identifierIds: ReadonlySet<string>): Promise<number>;
  /** Merge and unmerge records naming a profile (for a privacy export). */
  historyOf(
    tenantId: string,
    profileId: string,
  ): Promise<{ merges: MergeRecordDocument[]; unmerges: UnmergeRecordDocument[] }>;
}

async function insertOnce<T extends object>(model: Model<T>, document: T): Promise<boolean> {
  try {
    await model.create(document);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export function recordStore({ Merges, Unmerges, Erasures, Tombstones }: RecordModels): RecordStore {
  return {
    recordMerge: (record, event) => insertOnce(Merges, withOutbox(record, [event])),
    recordUnmerge: (record, event) => insertOnce(Unmerges, withOutbox(record, [event])),
    recordErasure: (record, event) => insertOnce(Erasures, withOutbox(record, [event])),
    recordMerges: (records) => insertEach(Merges.collection, records),
    recordUnmerges: (records) => insertEach(Unmerges.collection, records),
    getErasure: async (id) => await Erasures.findById(id).lean().exec(),
    async addTombstones(tenantId, identifierIds, erasureId, erasedAt) {
      for (const id of identifierIds)
        await insertOnce(Tombstones, { _id: id, tenantId, erasureId, erasedAt });
    },
    async tombstoned(identifierIds) {
      const ids = [...new Set(identifierIds)];
      const erased = await eachLimited(ids, async (id) => (await Tombstones.exists({ _id: id })) !== null);
      return new Set(ids.filter((_, index) => erased[index]));
    },
    async forgetIdentifiers(tenantId, identifierIds) {
      const ids = [...identifierIds];
      const keep = (list: readonly string[]) => list.filter((id) => !identifierIds.has(id));
      let changed = 0;
      const merges = (await Merges.find({ tenantId, identifierIds: { $in: ids }, outboxPending: false })
        .lean()
        .exec()) as MergeRecordDocument[];
      for (const merge of merges) {
        await Merges.updateOne({ _id: merge._id }, { $set: { identifierIds: keep(merge.identifierIds) } });
        changed += 1;
      }
      const unmerges = (await Unmerges.find({
        tenantId,
        'profiles.identifierIds': { $in: ids },
        outboxPending: false,
      })
        .lean()
        .exec()) as UnmergeRecordDocument[];
      for (const unmerge of unmerges) {
        const profiles = unmerge.profiles.map((p) => ({ ...p, identifierIds: keep(p.identifierIds) }));
        await Unmerges.updateOne({ _id: unmerge._id }, { $set: { profiles } });
        changed += 1;
      }
      return changed;
    },
    async historyOf(tenantId, profileId) {
      const merges = (await Merges.find({
        tenantId,
        $or: [{ survivorId: profileId }, { absorbedIds: profileId }],
      })
        .lean()
        .exec()) as MergeRecordDocument[];
      const unmerges = (await Unmerges.find({ tenantId, fromProfileId: profileId })
        .lean()
        .exec()) as UnmergeRecordDocument[];
      return { merges, unmerges };
    },
  };
}
