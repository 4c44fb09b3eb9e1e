import { modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import { findAllById, inUpdateSlot, insertEach, updateEachById } from './by-id.js';

/**
 * Blocking keys for suggestions: the identifiers seen with one name (hashed) or one phone's
 * national digits (hashed), `_id` `<tenantId>:<kind>:<hash>`, so candidates are found by `_id`.
 */
export interface MatchKeyDocument {
  _id: string;
  tenantId: string;
  identifierIds: string[];
}

const matchKeySchema = new Schema<MatchKeyDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    identifierIds: { type: [String], default: [] },
  },
  { collection: 'match_keys', versionKey: false },
);

export function matchKeyModel(connection: Connection): Model<MatchKeyDocument> {
  return modelOn<MatchKeyDocument>(connection, 'MatchKey', matchKeySchema);
}

/** `<tenantId>:<kind>:<hash>`. */
export const matchKeyId = (tenantId: string, key: string) => `${tenantId}:${key}`;

/**
 * Most identifiers one key holds. A key held by more (a very common name) tells nobody apart:
 * it takes no more identifiers and offers no candidates, so its document stays bounded and a
 * suggestion never reads hundreds of identifiers.
 */
export const MATCH_KEY_LIMIT = 100;

/** What adding identifiers under a key holding `before` does: the candidates, the ids to add. */
export function addUnderKey(before: readonly string[], identifierIds: readonly string[]) {
  if (before.length >= MATCH_KEY_LIMIT) return { candidates: [], added: [] };
  const added = identifierIds.filter((id) => !before.includes(id)).slice(0, MATCH_KEY_LIMIT - before.length);
  return { candidates: [...before], added };
}

export interface MatchKeyStore {
  /** Adds identifiers under a key; returns the identifiers the key held before (none past the limit). */
  add(tenantId: string, key: string, identifierIds: readonly string[]): Promise<string[]>;
  /** Keys by `_id`, one look-up each. */
  load(ids: Iterable<string>): Promise<Map<string, MatchKeyDocument>>;
  /** New keys in one `insertMany`; a key that appeared meanwhile gets the identifiers added. */
  insertEach(documents: readonly MatchKeyDocument[]): Promise<void>;
  /**
   * Every key of a tenant, for the match model's estimate (a job or a staff command, never
   * linking): a scan of the tenant's keys.
   */
  ofTenant(tenantId: string): Promise<MatchKeyDocument[]>;
  /** Adds identifiers under an existing key. */
  addIds(id: string, identifierIds: readonly string[]): Promise<void>;
  /** The same for many keys (distinct ids), in one command. */
  addIdsEach(additions: readonly { id: string; identifierIds: readonly string[] }[]): Promise<void>;
  /**
   * An erasure: the erased identifiers leave every key; a key left with none is deleted, so no
   * hash of the person's name or phone stays. Returns how many keys changed.
   */
  forget(tenantId: string, identifierIds: ReadonlySet<string>): Promise<number>;
}

export function matchKeyStore(MatchKeys: Model<MatchKeyDocument>): MatchKeyStore {
  const addIds = async (_id: string, identifierIds: readonly string[], tenantId?: string) => {
    await MatchKeys.updateOne(
      { _id },
      {
        ...(tenantId !== undefined && { $setOnInsert: { tenantId } }),
        $addToSet: { identifierIds: { $each: [...identifierIds] } },
      },
      { upsert: tenantId !== undefined },
    );
  };
  return {
    load: (ids) => findAllById(MatchKeys, ids),
    async insertEach(documents) {
      const outcomes = await insertEach(MatchKeys.collection, documents);
      for (const [index, outcome] of outcomes.entries()) {
        const document = documents[index] as MatchKeyDocument;
        if (outcome === 'duplicate') await inUpdateSlot(() => addIds(document._id, document.identifierIds));
      }
    },
    addIds: (id, identifierIds) => addIds(id, identifierIds),
    async addIdsEach(additions) {
      await updateEachById(
        MatchKeys,
        additions
          .filter(({ identifierIds }) => identifierIds.length > 0)
          .map(({ id, identifierIds }) => ({
            id,
            update: { $addToSet: { identifierIds: { $each: [...identifierIds] } } },
          })),
      );
    },
    ofTenant: async (tenantId) => await MatchKeys.find({ tenantId }).lean().exec(),
    async add(tenantId, key, identifierIds) {
      const _id = matchKeyId(tenantId, key);
      const before = (await MatchKeys.findById(_id).lean().exec())?.identifierIds ?? [];
      const { candidates, added } = addUnderKey(before, identifierIds);
      if (added.length > 0) await addIds(_id, added, tenantId);
      return candidates;
    },
    async forget(tenantId, identifierIds) {
      const keys = await MatchKeys.find({ tenantId, identifierIds: { $in: [...identifierIds] } })
        .lean()
        .exec();
      // Read, filter, write: a conditional $pull does nothing on the local database
      // (docs/development.md#what-ferretdb-v1-lacks).
      for (const key of keys) {
        const left = key.identifierIds.filter((id) => !identifierIds.has(id));
        if (left.length === 0) await MatchKeys.deleteOne({ _id: key._id });
        else await MatchKeys.updateOne({ _id: key._id }, { $set: { identifierIds: left } });
      }
      return keys.length;
    },
  };
}
