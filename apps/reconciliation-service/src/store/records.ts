import type { EventEnvelope } from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import { withOutbox } from '@scontrino/queue';
import type { Model } from 'mongoose';
import { parseIdentifierId } from '../domain/ids.js';
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

/** How long a replica answers from a tenant's tombstones as read, before reading them again. */
export const TOMBSTONES_TTL_MS = 5_000;
/** Past this many tombstones in a tenant, each identifier is looked up alone. */
export const TOMBSTONES_KEPT = 20_000;

export function recordStore(
  { Merges, Unmerges, Erasures, Tombstones }: RecordModels,
  now: () => number = Date.now,
): RecordStore {
  // Erasures are rare, and every new identifier asks: a tenant's tombstones are read whole (one
  // indexed equality) and kept a few seconds; an erasure in this process drops them at once.
  const tenants = new Map<string, { at: number; ids: Promise<Set<string> | null> }>();
  const tenantTombstones = (tenantId: string): Promise<Set<string> | null> => {
    const kept = tenants.get(tenantId);
    if (kept && now() - kept.at <= TOMBSTONES_TTL_MS) return kept.ids;
    const ids = Tombstones.find({ tenantId }, { _id: 1 })
      .limit(TOMBSTONES_KEPT + 1)
      .lean()
      .exec()
      .then((found) => (found.length > TOMBSTONES_KEPT ? null : new Set(found.map((t) => String(t._id)))));
    const entry = { at: now(), ids };
    tenants.set(tenantId, entry);
    ids.catch(() => tenants.get(tenantId) === entry && tenants.delete(tenantId));
    if (tenants.size > 1_000) tenants.delete(tenants.keys().next().value as string);
    return ids;
  };
  const lookedUpAlone = async (ids: readonly string[]) => {
    const erased = await eachLimited(ids, async (id) => (await Tombstones.exists({ _id: id })) !== null);
    return ids.filter((_, index) => erased[index]);
  };
  return {
    recordMerge: (record, event) => insertOnce(Merges, withOutbox(record, [event])),
    recordUnmerge: (record, event) => insertOnce(Unmerges, withOutbox(record, [event])),
    recordErasure: (record, event) => insertOnce(Erasures, withOutbox(record, [event])),
    recordMerges: (records) => insertEach(Merges.collection, records),
    recordUnmerges: (records) => insertEach(Unmerges.collection, records),
    getErasure: async (id) => await Erasures.findById(id).lean().exec(),
    async addTombstones(tenantId, identifierIds, erasureId, erasedAt) {
      tenants.delete(tenantId);
      for (const id of identifierIds)
        await insertOnce(Tombstones, { _id: id, tenantId, erasureId, erasedAt });
      tenants.delete(tenantId);
    },
    async tombstoned(identifierIds) {
      const byTenant = new Map<string, string[]>();
      for (const id of new Set(identifierIds)) {
        const tenantId = parseIdentifierId(id)?.tenantId ?? '';
        byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), id]);
      }
      const erased = await Promise.all(
        [...byTenant].map(async ([tenantId, ids]) => {
          const kept = tenantId ? await tenantTombstones(tenantId) : null;
          return kept ? ids.filter((id) => kept.has(id)) : lookedUpAlone(ids);
        }),
      );
      return new Set(erased.flat());
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
