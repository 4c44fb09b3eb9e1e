import { type Connection, type Model, Schema } from 'mongoose';

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
  return (
    (connection.models.MatchKey as Model<MatchKeyDocument> | undefined) ??
    connection.model('MatchKey', matchKeySchema)
  );
}

export interface MatchKeyStore {
  /** Adds identifiers under a key; returns the identifiers the key held before. */
  add(tenantId: string, key: string, identifierIds: readonly string[]): Promise<string[]>;
  /**
   * An erasure: the erased identifiers leave every key; a key left with none is deleted, so no
   * hash of the person's name or phone stays. Returns how many keys changed.
   */
  forget(tenantId: string, identifierIds: ReadonlySet<string>): Promise<number>;
}

export function matchKeyStore(MatchKeys: Model<MatchKeyDocument>): MatchKeyStore {
  return {
    async add(tenantId, key, identifierIds) {
      const _id = `${tenantId}:${key}`;
      const before = (await MatchKeys.findById(_id).lean().exec())?.identifierIds ?? [];
      const added = identifierIds.filter((id) => !before.includes(id));
      if (added.length > 0) {
        await MatchKeys.updateOne(
          { _id },
          { $setOnInsert: { tenantId }, $addToSet: { identifierIds: { $each: added } } },
          { upsert: true },
        );
      }
      return before;
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
