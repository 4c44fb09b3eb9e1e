import { splitIntoHousehold } from '../../domain/graph/households.js';
import { withOutbox } from '@scontrino/queue';
import type { ProfilesResult } from '../../domain/graph/types.js';
import { derivedId, parseIdentifierId, suggestionIdOf } from '../../domain/ids.js';
import { profilesMergedEvent, profilesUnmergedEvent } from '../../domain/events/profile-events.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { MergeRecordDocument, UnmergeRecordDocument } from '../../store/record-models.js';
import { handOver, type WrittenEvents } from './graph-session.js';
import type { LoadedComponent } from './load-component.js';
import type { GraphOperation } from './operation.js';

/**
 * Writes a rebuild's outcome. Merge and unmerge records (with their events) go first: they are
 * inserts with ids derived from the operation, so after a crash the replayed operation finds
 * them and publishes nothing twice; the profile and identifier updates follow. Resolves with the
 * records' events, for the dispatcher.
 */
export async function applyResult(
  store: GraphStore,
  loaded: LoadedComponent,
  result: ProfilesResult,
  operation: GraphOperation,
): Promise<WrittenEvents> {
  const { tenantId, actor, at } = operation;
  const merges: MergeRecordDocument[] = result.merges.map((joined) => {
    const merge =
      operation.mustLinkRule && joined.rule === 'staff-must-link'
        ? { ...joined, rule: operation.mustLinkRule }
        : joined;
    const mergeId = derivedId('mrg', operation.id, merge.survivorId, ...merge.absorbedIds);
    const event = profilesMergedEvent(tenantId, mergeId, merge, actor, at);
    return withOutbox(
      {
        _id: mergeId,
        tenantId,
        operationId: operation.id,
        survivorId: merge.survivorId,
        absorbedIds: merge.absorbedIds,
        identifierIds: merge.identifierIds,
        reason: event.payload.reason,
        mergedAt: at,
      },
      [event],
    );
  });
  const unmerges: UnmergeRecordDocument[] = result.splits.map((split) => {
    const unmergeId = derivedId('unm', operation.id, split.fromProfileId);
    const rule =
      operation.splitRule === 'junk' && splitIntoHousehold(split, result.profiles)
        ? 'household'
        : operation.splitRule;
    const reason = { rule, actor };
    return withOutbox(
      {
        _id: unmergeId,
        tenantId,
        operationId: operation.id,
        fromProfileId: split.fromProfileId,
        profiles: split.parts,
        reason,
        unmergedAt: at,
      },
      [profilesUnmergedEvent(tenantId, unmergeId, split, reason, at)],
    );
  });
  const [mergeOutcomes, unmergeOutcomes] = [
    await store.records.recordMerges(merges),
    await store.records.recordUnmerges(unmerges),
  ];
  const written: WrittenEvents = [];
  if (merges.length > 0) written.push(handOver('ProfileMerge', merges, mergeOutcomes));
  if (unmerges.length > 0) written.push(handOver('ProfileUnmerge', unmerges, unmergeOutcomes));

  for (const profile of result.profiles) {
    const stored = loaded.profiles.get(profile.profileId);
    const fields = {
      identifierIds: profile.identifierIds,
      householdId: profile.householdId,
      updatedAt: at,
    };
    if (!stored) {
      await store.profiles.insert({
        _id: profile.profileId,
        tenantId,
        createdAt: new Date(profile.createdAt),
        ...fields,
        mergedInto: null,
        retiredAt: null,
        erasedAt: null,
      });
    } else if (changed(stored, fields)) {
      await store.profiles.update(profile.profileId, { ...fields, retiredAt: null, mergedInto: null });
    }
  }
  const survivorOf = new Map(result.merges.flatMap((m) => m.absorbedIds.map((id) => [id, m.survivorId])));
  for (const retired of result.retiredProfileIds) {
    await store.profiles.update(retired, {
      identifierIds: [],
      householdId: null,
      mergedInto: survivorOf.get(retired) ?? null,
      retiredAt: at,
      updatedAt: at,
    });
  }

  const profileOf = new Map(result.profiles.flatMap((p) => p.identifierIds.map((id) => [id, p.profileId])));
  for (const junk of result.quarantined) {
    const document = loaded.documents.get(junk.identifierId);
    if (!document || document.quarantined) continue;
    const quarantine = { reason: junk.reason, at, actor: null, profilesJoined: junk.profilesJoined ?? null };
    await store.identifiers.quarantine(document._id, quarantine);
    await store.staff.reportQuarantine({ _id: document._id, tenantId, type: document.type, ...quarantine });
  }
  const quarantined = new Set(result.quarantined.map((q) => q.identifierId));
  for (const document of loaded.documents.values()) {
    const profileId = profileOf.get(document._id) ?? null;
    if (!quarantined.has(document._id) && document.profileId !== profileId)
      await store.identifiers.setProfile(document._id, profileId);
  }
  await writeHouseholds(store, loaded, result, tenantId, at);
  const joined = result.merges.flatMap((merge) =>
    pairsAcrossProfiles(merge.identifierIds, (id) => loaded.documents.get(id)?.profileId ?? null),
  );
  if (joined.length > 0) await store.staff.closeSuggestions(joined, at);
  return written;
}

/**
 * The suggestions a merge may have settled: pairs of e-mails (or phones) that were in two
 * different profiles before it (the only pairs ever suggested), by suggestion id.
 */
export function pairsAcrossProfiles(
  identifierIds: readonly string[],
  previousProfile: (id: string) => string | null,
): string[] {
  const scored = identifierIds.flatMap((id) => {
    const type = parseIdentifierId(id)?.type;
    const profileId = previousProfile(id);
    return (type === 'email' || type === 'phone') && profileId ? [{ id, type, profileId }] : [];
  });
  return scored.flatMap((x, i) =>
    scored
      .slice(i + 1)
      .filter((y) => y.type === x.type && y.profileId !== x.profileId)
      .map((y) => suggestionIdOf(x.id, y.id)),
  );
}

function changed(
  stored: { identifierIds: string[]; householdId: string | null; retiredAt: Date | null },
  fields: { identifierIds: string[]; householdId: string | null },
): boolean {
  const same = (x: string[], y: string[]) =>
    x.length === y.length && [...x].sort().join() === [...y].sort().join();
  return (
    stored.retiredAt !== null ||
    stored.householdId !== fields.householdId ||
    !same(stored.identifierIds, fields.identifierIds)
  );
}

async function writeHouseholds(
  store: GraphStore,
  loaded: LoadedComponent,
  result: ProfilesResult,
  tenantId: string,
  at: Date,
) {
  const current = new Set(result.households.map((h) => h.householdId));
  for (const household of result.households) {
    await store.profiles.putHousehold({
      _id: household.householdId,
      tenantId,
      profileIds: household.profileIds,
      sharedIdentifierIds: household.sharedIdentifierIds,
      toldApartBy: household.toldApartBy,
      updatedAt: at,
    });
  }
  for (const profile of loaded.profiles.values()) {
    if (profile.householdId && !current.has(profile.householdId))
      await store.profiles.removeHousehold(profile.householdId);
  }
}
