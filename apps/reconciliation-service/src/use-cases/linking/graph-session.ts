import type { WrittenOutbox } from '@scontrino/queue';
import { eachLimited, inUpdateSlot } from '../../store/by-id.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentifierDocument, StoredLink } from '../../store/identifier-model.js';
import { addUnderKey, matchKeyId, type MatchKeyDocument } from '../../store/match-keys.js';
import type { LinkedMarkerDocument } from '../../store/observation-model.js';
import type { HouseholdDocument, ProfileDocument } from '../../store/profile-model.js';
import type { MergeRecordDocument, UnmergeRecordDocument } from '../../store/record-models.js';
import type {
  OverrideDocument,
  QuarantineEntryDocument,
  SuggestionDocument,
} from '../../store/staff-models.js';
import { changedFields, DocumentBuffer } from './document-buffer.js';
import { throughCache, type DocumentCache, type GraphCache } from './graph-cache.js';

/** Events a flush wrote, by model: for the outbox dispatcher. */
export type WrittenEvents = { model: string; written: (WrittenOutbox | string)[] }[];

/**
 * The graph store as one batch of linking sees it: every document read once by `_id` and kept,
 * every change made in memory, and the whole batch written by `flush()` with as few commands as
 * the local database allows (inserts together, the updates of each kind of document in one
 * `bulkWrite`). The use cases
 * (`linkObservation`, `recomputeComponent`, `suggestFor`) run on it unchanged, so a batch of
 * observations behaves exactly as the same observations linked one after the other.
 *
 * Only for the holder of the tenant's graph lock: nothing else writes the graph meanwhile.
 */
export interface GraphSession extends GraphStore {
  flush(): Promise<WrittenEvents>;
  /** After a flush: puts what the session holds now (as written) into the cache it was opened with. */
  keep(): void;
}

const IDENTIFIER_INPUTS = [
  'links',
  'verified',
  'firstSeenAt',
  'names',
  'numberKey',
  'cutLinkIds',
  'overrideIds',
] as const;

export function openGraphSession(store: GraphStore, cache?: GraphCache): GraphSession {
  const identifiers = new DocumentBuffer<IdentifierDocument>(
    throughCache(cache?.identifiers, (ids) => store.identifiers.load(ids)),
  );
  const profiles = new DocumentBuffer<ProfileDocument>(
    throughCache(cache?.profiles, (ids) => store.profiles.load(ids)),
  );
  const households = new DocumentBuffer<HouseholdDocument>(
    throughCache(cache?.households, async (ids) => {
      const found = new Map<string, HouseholdDocument>();
      for (const id of ids) {
        const household = await store.profiles.getHousehold(id);
        if (household) found.set(id, household);
      }
      return found;
    }),
  );
  const overrides = new DocumentBuffer<OverrideDocument>(
    throughCache(cache?.overrides, async (ids) => {
      const found = await store.staff.loadOverrides(ids);
      return new Map(found.map((override) => [override._id, override]));
    }),
  );
  const matchKeys = new DocumentBuffer<MatchKeyDocument>(
    throughCache(cache?.matchKeys, (ids) => store.matchKeys.load(ids)),
  );
  const tombstones = new Map<string, boolean>();
  const merges: MergeRecordDocument[] = [];
  const unmerges: UnmergeRecordDocument[] = [];
  const quarantineEntries = new Map<string, QuarantineEntryDocument>();
  const suggestions = new Map<string, SuggestionDocument>();
  const markers = new Map<string, LinkedMarkerDocument>();

  /** What a write into the session answers: it is done, in memory. */
  const written = Promise.resolve();
  const session: GraphSession = {
    ...store,
    identifiers: {
      ...store.identifiers,
      get: (id) => identifiers.get(id),
      load: (ids) => identifiers.load(ids),
      async create(document) {
        const existing = await identifiers.get(document._id);
        if (existing) return existing;
        identifiers.put(document);
        return document;
      },
      addLinks: (id, links) =>
        identifiers.update(id, (d) => ({ ...d, links: [...d.links, ...newLinks(d.links, links)] })),
      replaceLinks: (id, links) => identifiers.update(id, (d) => ({ ...d, links: [...links] })),
      setProfile: (id, profileId) => identifiers.update(id, (d) => ({ ...d, profileId })),
      quarantine: (id, quarantined) =>
        identifiers.update(id, (d) => ({ ...d, quarantined, profileId: null })),
      markSeen: (id, change) =>
        identifiers.update(id, (d) => ({
          ...d,
          ...(change.verified && { verified: true }),
          ...(change.firstSeenAt && { firstSeenAt: change.firstSeenAt }),
          ...(change.name && { names: union(d.names ?? [], [change.name]) }),
          ...(change.numberKey && { numberKey: change.numberKey }),
        })),
      addCut: (id, linkId) =>
        identifiers.update(id, (d) => ({ ...d, cutLinkIds: union(d.cutLinkIds, [linkId]) })),
      addOverride: (id, overrideId) =>
        identifiers.update(id, (d) => ({ ...d, overrideIds: union(d.overrideIds, [overrideId]) })),
      replaceOverrides: (id, overrideIds) =>
        identifiers.update(id, (d) => ({ ...d, overrideIds: [...overrideIds] })),
      replaceNames: (id, names) => identifiers.update(id, (d) => ({ ...d, names: [...names] })),
      remove(id) {
        identifiers.remove(id);
        return written;
      },
    },
    profiles: {
      ...store.profiles,
      get: (id) => profiles.get(id),
      load: (ids) => profiles.load(ids),
      insert(profile) {
        profiles.put(profile);
        return written;
      },
      update: (id, set) => profiles.update(id, (p) => ({ ...p, ...set })),
      async resolveLive(id) {
        let current = await profiles.get(id);
        for (let hops = 0; current?.mergedInto && hops < 50; hops += 1)
          current = await profiles.get(current.mergedInto);
        return current && current.retiredAt === null ? current : null;
      },
      getHousehold: (id) => households.get(id),
      putHousehold(household) {
        households.put(household);
        return written;
      },
      removeHousehold(id) {
        households.remove(id);
        return written;
      },
    },
    records: {
      ...store.records,
      recordMerges(records) {
        merges.push(...records);
        return Promise.resolve(records.map(() => 'inserted' as const));
      },
      recordUnmerges(records) {
        unmerges.push(...records);
        return Promise.resolve(records.map(() => 'inserted' as const));
      },
      async tombstoned(identifierIds) {
        const unknown = [...new Set(identifierIds)].filter((id) => !tombstones.has(id));
        if (unknown.length > 0) {
          const erased = await store.records.tombstoned(unknown);
          for (const id of unknown) tombstones.set(id, erased.has(id));
        }
        return new Set(identifierIds.filter((id) => tombstones.get(id)));
      },
    },
    staff: {
      ...store.staff,
      loadOverrides: async (ids) => [...(await overrides.load(ids)).values()],
      addOverride(override) {
        overrides.put(override);
        return written;
      },
      reportQuarantine(entry) {
        quarantineEntries.set(entry._id, entry);
        return written;
      },
      suggest(suggestion) {
        if (!suggestions.has(suggestion._id)) suggestions.set(suggestion._id, suggestion);
        return written;
      },
      async closeSuggestions(ids, at) {
        // A pair queued earlier in this batch and joined since is not written at all.
        for (const id of ids) suggestions.delete(id);
        await store.staff.closeSuggestions(ids, at);
      },
    },
    matchKeys: {
      ...store.matchKeys,
      load: (ids) => matchKeys.load(ids),
      async add(tenantId, key, identifierIds) {
        const _id = matchKeyId(tenantId, key);
        const before = (await matchKeys.get(_id))?.identifierIds ?? [];
        const { candidates, added } = addUnderKey(before, identifierIds);
        if (added.length > 0) matchKeys.put({ _id, tenantId, identifierIds: [...before, ...added] });
        return candidates;
      },
    },
    observations: {
      ...store.observations,
      markLinked(id, tenantId, linkedAt) {
        markers.set(id, { _id: id, tenantId, linkedAt });
        return written;
      },
    },
    flush: () =>
      flushSession(store, {
        identifiers,
        profiles,
        households,
        overrides,
        matchKeys,
        merges,
        unmerges,
        quarantineEntries,
        suggestions,
        markers,
      }),
    keep() {
      if (!cache) return;
      const into = <T extends { _id: string }>(target: DocumentCache<T>, buffer: DocumentBuffer<T>) => {
        for (const [id, document] of buffer.held()) target.set(id, document);
      };
      into(cache.identifiers, identifiers);
      into(cache.profiles, profiles);
      into(cache.households, households);
      into(cache.overrides, overrides);
      into(cache.matchKeys, matchKeys);
    },
  };
  return session;
}

interface SessionState {
  identifiers: DocumentBuffer<IdentifierDocument>;
  profiles: DocumentBuffer<ProfileDocument>;
  households: DocumentBuffer<HouseholdDocument>;
  overrides: DocumentBuffer<OverrideDocument>;
  matchKeys: DocumentBuffer<MatchKeyDocument>;
  merges: MergeRecordDocument[];
  unmerges: UnmergeRecordDocument[];
  quarantineEntries: Map<string, QuarantineEntryDocument>;
  suggestions: Map<string, SuggestionDocument>;
  markers: Map<string, LinkedMarkerDocument>;
}

/**
 * Writes a session in three rounds (each round's commands go out together), in an order that a
 * crash at any point leaves safe to replay:
 * 1. merge and unmerge records with their events (a replay finds them and publishes nothing
 *    twice), profiles, households, and the reports, automatic must-links, suggestions and
 *    blocking keys;
 * 2. what identifiers only derive from the rebuild (their profile, junk found);
 * 3. what the observations brought (new identifiers, links, proof, earlier sightings): a replayed
 *    observation whose own input is still missing recomputes its component, and once every input
 *    is stored, so is everything derived from it;
 * and last the markers that say each observation is linked.
 */
async function flushSession(store: GraphStore, state: SessionState): Promise<WrittenEvents> {
  const written: WrittenEvents = [];
  const profiles = state.profiles.changes();
  const households = state.households.changes();
  const keys = state.matchKeys.changes();
  const overrides = state.overrides.changes();
  await eachLimited<() => Promise<unknown>, unknown>(
    [
      async () => {
        const outcomes = await store.records.recordMerges(state.merges);
        if (state.merges.length > 0) written.push(handOver('ProfileMerge', state.merges, outcomes));
      },
      async () => {
        const outcomes = await store.records.recordUnmerges(state.unmerges);
        if (state.unmerges.length > 0) written.push(handOver('ProfileUnmerge', state.unmerges, outcomes));
      },
      async () => {
        const created = [...profiles.inserted, ...profiles.blind];
        const outcomes = await store.profiles.insertEach(created);
        // Inserted by an earlier attempt that crashed before its identifiers pointed at it.
        const again = created.filter((_, i) => outcomes[i] === 'duplicate');
        await store.profiles.updateEach(
          again.map((profile) => ({ id: profile._id, set: changedFields({}, profile) })),
        );
      },
      () =>
        store.profiles.updateEach(
          profiles.updated.map(({ before, after }) => ({ id: after._id, set: changedFields(before, after) })),
        ),
      ...[...households.inserted, ...households.blind, ...households.updated.map((u) => u.after)].map(
        (household) => () => inUpdateSlot(() => store.profiles.putHousehold(household)),
      ),
      ...households.removed.map(
        ({ id }) =>
          () =>
            store.profiles.removeHousehold(id),
      ),
      ...[...state.quarantineEntries.values()].map(
        (entry) => () => inUpdateSlot(() => store.staff.reportQuarantine(entry)),
      ),
      ...[...overrides.inserted, ...overrides.blind].map(
        (override) => () => store.staff.addOverride(override),
      ),
      () => store.staff.suggestEach([...state.suggestions.values()]),
      () => store.matchKeys.insertEach([...keys.inserted, ...keys.blind]),
      () =>
        store.matchKeys.addIdsEach(
          keys.updated.map(({ before, after }) => ({
            id: after._id,
            identifierIds: after.identifierIds.filter((id) => !before.identifierIds.includes(id)),
          })),
        ),
    ],
    (write) => write(),
  );

  const identifiers = state.identifiers.changes();
  const updates = identifiers.updated.map(({ before, after }) => identifierUpdate(before, after));
  await store.identifiers.changeEach(updates.filter((update) => !update.input));
  await eachLimited<() => Promise<unknown>, unknown>(
    [
      async () => {
        const created = [...identifiers.inserted, ...identifiers.blind];
        const outcomes = await store.identifiers.insertEach(created);
        const again = created.filter((_, i) => outcomes[i] === 'duplicate');
        await store.identifiers.changeEach(
          again.map((document) => ({
            id: document._id,
            change: { set: changedFields({}, document, ['links']), addLinks: document.links },
          })),
        );
      },
      () => store.identifiers.changeEach(updates.filter((update) => update.input)),
      ...identifiers.removed.map(
        ({ id }) =>
          () =>
            store.identifiers.remove(id),
      ),
    ],
    (write) => write(),
  );

  await store.observations.markLinkedEach([...state.markers.values()]);
  return written;
}

/** An identifier's update, and whether it carries an observation's input (or only derived state). */
function identifierUpdate(before: IdentifierDocument, after: IdentifierDocument) {
  const added = linksAdded(before.links, after.links);
  const set: Partial<IdentifierDocument> = changedFields(before, after, ['links']);
  if (added === null) set.links = after.links;
  return {
    id: after._id,
    change: { set, addLinks: added ?? [] },
    input: (added?.length ?? 1) > 0 || IDENTIFIER_INPUTS.some((field) => field in set),
  };
}

/** The records of a model as the dispatcher takes them: as written when inserted, else by `_id`. */
export function handOver(
  model: string,
  documents: readonly (MergeRecordDocument | UnmergeRecordDocument)[],
  outcomes: readonly string[],
): WrittenEvents[number] {
  return {
    model,
    written: documents.map((document, index) =>
      outcomes[index] === 'inserted' ? { _id: document._id, outbox: document.outbox } : document._id,
    ),
  };
}

/** Links not held yet (by the identifier they lead to), as `$addToSet` would add them. */
function newLinks(held: readonly StoredLink[], links: readonly StoredLink[]): StoredLink[] {
  const known = new Set(held.map((link) => link.to));
  return links.filter((link) => !known.has(link.to) && known.add(link.to));
}

/** The links appended after `before`, or null when `after` is not `before` plus more. */
function linksAdded(before: readonly StoredLink[], after: readonly StoredLink[]): StoredLink[] | null {
  if (after.length < before.length) return null;
  for (let i = 0; i < before.length; i += 1) if (before[i] !== after[i]) return null;
  return after.slice(before.length);
}

function union(list: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...list, ...more])];
}
