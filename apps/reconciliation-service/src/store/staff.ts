import { isDuplicateKeyError } from '@scontrino/db';
import type { QuarantineReason } from '../domain/graph/types.js';
import { findAllById, insertEach } from './by-id.js';
import type {
  MatchModelDocument,
  OverrideDocument,
  QuarantineEntryDocument,
  StaffModels,
  SuggestionDocument,
  TenantSettingsDocument,
} from './staff-models.js';

export interface StaffStore {
  addOverride(override: OverrideDocument): Promise<void>;
  loadOverrides(ids: Iterable<string>): Promise<OverrideDocument[]>;
  reportQuarantine(entry: QuarantineEntryDocument): Promise<void>;
  quarantineReport(tenantId: string, reason?: QuarantineReason): Promise<QuarantineEntryDocument[]>;
  removeQuarantineEntry(id: string): Promise<void>;
  /** Opens a suggestion once per pair; an already decided pair is not reopened. */
  suggest(suggestion: SuggestionDocument): Promise<void>;
  /** The same for several, in one `insertMany`. */
  suggestEach(suggestions: readonly SuggestionDocument[]): Promise<void>;
  getSuggestion(id: string): Promise<SuggestionDocument | null>;
  /**
   * A page of the tenant's suggestions in one status, best score first (ties by id), after
   * `after` (the last one of the previous page). Not a hot path: filtered and sorted over the
   * tenant's suggestions of that status.
   */
  suggestionsPage(
    tenantId: string,
    status: SuggestionDocument['status'],
    limit: number,
    after: { score: number; id: string } | null,
  ): Promise<SuggestionDocument[]>;
  decideSuggestion(
    id: string,
    status: 'accepted' | 'rejected' | 'merged',
    actor: string,
    at: Date,
  ): Promise<void>;
  /** Files a scored pair, or rescored: a pair still open takes the new score and status. */
  putSuggestion(suggestion: SuggestionDocument): Promise<void>;
  /** Closes the open suggestions among these (by id) as `joined`: their pair is one profile now. */
  closeSuggestions(ids: readonly string[], at: Date): Promise<void>;
  suggestionsNaming(tenantId: string, identifierIds: readonly string[]): Promise<SuggestionDocument[]>;
  removeSuggestion(id: string): Promise<void>;
  /**
   * The tenant's own settings, kept in memory for {@link SETTINGS_TTL_MS}: every observation reads
   * them. A change made here is seen here at once; another replica sees it within that time.
   */
  settings(tenantId: string): Promise<TenantSettingsDocument | null>;
  putSettings(settings: TenantSettingsDocument): Promise<void>;
  /** The tenant's estimated suggestion model, kept in memory like the settings; null before any estimate. */
  matchModel(tenantId: string): Promise<MatchModelDocument | null>;
  putMatchModel(model: MatchModelDocument): Promise<void>;
}

/** How long a replica keeps a tenant's settings in memory. */
export const SETTINGS_TTL_MS = 5_000;

export function staffStore(
  { Overrides, Quarantine, Suggestions, Settings, MatchModels }: StaffModels,
  clock: () => number = Date.now,
): StaffStore {
  const settings = new Map<string, { at: number; value: Promise<TenantSettingsDocument | null> }>();
  const models = new Map<string, { at: number; value: Promise<MatchModelDocument | null> }>();
  return {
    async addOverride(override) {
      try {
        await Overrides.create(override);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    loadOverrides: async (ids) => [...(await findAllById(Overrides, ids)).values()],
    async reportQuarantine(entry) {
      await Quarantine.replaceOne({ _id: entry._id }, entry, { upsert: true });
    },
    async quarantineReport(tenantId, reason) {
      const filter = { tenantId, ...(reason && { reason }) };
      return await Quarantine.find(filter).sort({ at: -1 }).lean().exec();
    },
    async removeQuarantineEntry(id) {
      await Quarantine.deleteOne({ _id: id });
    },
    async suggest(suggestion) {
      try {
        await Suggestions.create(suggestion);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async suggestEach(suggestions) {
      await insertEach(Suggestions.collection, suggestions);
    },
    getSuggestion: async (id) => await Suggestions.findById(id).lean().exec(),
    async suggestionsPage(tenantId, status, limit, after) {
      const filter = after
        ? {
            tenantId,
            status,
            $or: [{ score: { $lt: after.score } }, { score: after.score, _id: { $gt: after.id } }],
          }
        : { tenantId, status };
      return await Suggestions.find(filter).sort({ score: -1, _id: 1 }).limit(limit).lean().exec();
    },
    async putSuggestion(suggestion) {
      const { _id, ...fields } = suggestion;
      const updated = await Suggestions.updateOne({ _id, status: 'open' }, { $set: fields });
      if (updated.matchedCount > 0) return;
      try {
        await Suggestions.create(suggestion);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async decideSuggestion(id, status, actor, at) {
      await Suggestions.updateOne({ _id: id }, { $set: { status, actor, decidedAt: at } });
    },
    async closeSuggestions(ids, at) {
      // One update by `_id` each (the local database does not push `$in` down to an index).
      for (const _id of ids)
        await Suggestions.updateOne(
          { _id, status: 'open' },
          { $set: { status: 'joined', decidedAt: at, actor: null } },
        );
    },
    async suggestionsNaming(tenantId, identifierIds) {
      return await Suggestions.find({
        tenantId,
        $or: [{ a: { $in: identifierIds } }, { b: { $in: identifierIds } }],
      })
        .lean()
        .exec();
    },
    async removeSuggestion(id) {
      await Suggestions.deleteOne({ _id: id });
    },
    settings(tenantId) {
      const now = clock();
      const cached = settings.get(tenantId);
      if (cached && now - cached.at < SETTINGS_TTL_MS) return cached.value;
      const value = Settings.findById(tenantId).lean().exec() as Promise<TenantSettingsDocument | null>;
      if (settings.size >= 1_000) settings.clear();
      settings.set(tenantId, { at: now, value });
      value.catch(() => settings.delete(tenantId));
      return value;
    },
    matchModel(tenantId) {
      const now = clock();
      const cached = models.get(tenantId);
      if (cached && now - cached.at < SETTINGS_TTL_MS) return cached.value;
      const value = MatchModels.findById(tenantId).lean().exec() as Promise<MatchModelDocument | null>;
      if (models.size >= 1_000) models.clear();
      models.set(tenantId, { at: now, value });
      value.catch(() => models.delete(tenantId));
      return value;
    },
    async putMatchModel(document) {
      models.delete(document._id);
      await MatchModels.replaceOne({ _id: document._id }, document, { upsert: true });
      models.delete(document._id);
    },
    async putSettings(document) {
      settings.delete(document._id);
      await Settings.replaceOne({ _id: document._id }, document, { upsert: true });
      settings.delete(document._id);
    },
  };
}
