import type { ErasureOutcomes } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { customerErasedEvent, identifierRefs } from '../../domain/events/profile-events.js';
import { derivedId } from '../../domain/ids.js';
import type { GraphDeps } from '../linking/graph-deps.js';
import { recomputeComponent } from '../linking/recompute.js';
import { tenantConfig } from '../linking/tenant-config.js';

/** One erasure per profile: erasing it again (a retry) is the same erasure. */
export const erasureIdOf = (tenantId: string, profileId: string): string =>
  derivedId('era', tenantId, profileId);

export interface ErasureResult {
  erasureId: string;
  profileId: string;
  identifiersErased: number;
  observationsDeleted: number;
  observationsAnonymised: number;
}

/**
 * Erases a person: records the erasure with its `customer.erased` event first (so receipts and
 * loyalty are told even if this crashes half-way and is retried), leaves tombstones of the
 * identifier ids (tenant, type, keyed hash: nothing readable) so no replayed event recreates
 * them, deletes the identifiers and the observations only they appear on, strips them from
 * shared observations, the name and phone match keys and the merge history, keeps an empty
 * profile marked erased, and recomputes the neighbours. Its counts go to `outcomes`, for the
 * erasure report.
 */
export function eraseProfile(
  deps: GraphDeps & { outcomes?: ErasureOutcomes },
  tenantId: string,
  profileId: string,
  actor: string,
): Promise<ErasureResult> {
  const { store } = deps;
  return deps.lock.run(tenantId, async () => {
    const profile = await store.profiles.resolveLive(profileId);
    if (!profile || profile.tenantId !== tenantId) {
      throw new AppError('profile.not_found', 'No such profile for this tenant', { kind: 'not_found' });
    }
    const at = deps.clock();
    const erased = new Set(profile.identifierIds);
    const documents = await store.identifiers.load(erased);
    const erasureId = erasureIdOf(tenantId, profile._id);
    const identifiers = identifierRefs([...erased]);
    await store.records.recordErasure(
      { _id: erasureId, tenantId, profileId: profile._id, identifiers, actor, erasedAt: at },
      customerErasedEvent(tenantId, erasureId, profile._id, identifiers, at),
    );
    deps.onEvents?.('Erasure', [erasureId]);
    await store.records.addTombstones(tenantId, [...erased], erasureId, at);

    let observationsDeleted = 0;
    let observationsAnonymised = 0;
    /** Other people's identifiers on observations shared with them, which may keep the erased name's hash. */
    const sharing = new Set<string>();
    // Every observation naming them, linked or not yet (a web order stored just before).
    for (const observation of await store.observations.naming([...erased])) {
      const others = observation.identifiers.filter((identifier) => !erased.has(identifier.id));
      if (others.length === 0) {
        await store.observations.remove(observation.observationId);
        observationsDeleted += 1;
      } else {
        await store.observations.removeIdentifiers(observation.observationId, erased);
        observationsAnonymised += 1;
        if (observation.nameSealed) for (const other of others) sharing.add(other.id);
      }
    }
    // The erased person's names (keyed hashes) leave the identifiers they shared an observation with.
    const erasedNames = new Set([...documents.values()].flatMap((document) => document.names ?? []));
    if (erasedNames.size > 0) {
      for (const other of (await store.identifiers.load(sharing)).values()) {
        const kept = (other.names ?? []).filter((name) => !erasedNames.has(name));
        if (kept.length < (other.names ?? []).length) await store.identifiers.replaceNames(other._id, kept);
      }
    }

    const neighbours = new Set<string>();
    for (const document of documents.values()) {
      for (const link of document.links) if (!erased.has(link.to)) neighbours.add(link.to);
    }
    for (const neighbour of (await store.identifiers.load(neighbours)).values()) {
      await store.identifiers.replaceLinks(
        neighbour._id,
        neighbour.links.filter((link) => !erased.has(link.to)),
      );
    }
    for (const id of erased) {
      await store.identifiers.remove(id);
      await store.staff.removeQuarantineEntry(id);
    }
    const matchKeys = await store.matchKeys.forget(tenantId, erased);
    const mergeRecords = await store.records.forgetIdentifiers(tenantId, erased);
    for (const suggestion of await store.staff.suggestionsNaming(tenantId, [...erased])) {
      await store.staff.removeSuggestion(suggestion._id);
    }
    if (profile.householdId) await store.profiles.removeHousehold(profile.householdId);
    await store.profiles.update(profile._id, {
      identifierIds: [],
      householdId: null,
      retiredAt: at,
      erasedAt: at,
      updatedAt: at,
    });
    if (neighbours.size > 0) {
      const { graph } = await tenantConfig(store.staff, deps.defaults, tenantId);
      await recomputeComponent(deps, neighbours, graph, {
        id: `erase:${erasureId}`,
        tenantId,
        actor,
        splitRule: 'erasure',
        at,
      });
    }
    const counts = {
      identifiers: documents.size,
      observationsDeleted,
      observationsAnonymised,
      matchKeys,
      mergeRecords,
      profiles: 1,
    };
    await deps.outcomes?.add({ erasureId, tenantId, profileId: profile._id }, counts, { at, complete: true });
    return {
      erasureId,
      profileId: profile._id,
      identifiersErased: documents.size,
      observationsDeleted,
      observationsAnonymised,
    };
  });
}
