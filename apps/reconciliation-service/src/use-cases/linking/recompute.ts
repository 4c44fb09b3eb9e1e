import { rebuildProfiles } from '../../domain/graph/rebuild.js';
import type { GraphConfig, LinkRule, ProfileMerge, ProfilesResult } from '../../domain/graph/types.js';
import { derivedId } from '../../domain/ids.js';
import type { GraphStore } from '../../store/graph-store.js';
import { applyResult } from './apply-result.js';
import type { GraphDeps } from './graph-deps.js';
import { loadComponent, type LoadedComponent } from './load-component.js';
import type { GraphOperation } from './operation.js';

/**
 * The id of a profile an operation creates, seeded by the oldest identifier of its component:
 * derived, so that a replay of the operation creates it again under the same id, and can look up
 * what an earlier attempt of it created.
 */
export function newProfileIdOf(operationId: string, seedIdentifierId: string): string {
  return derivedId('prf', operationId, seedIdentifierId);
}

/**
 * Recomputes the profiles of the component around `seeds` (the caller holds the tenant's graph
 * lock) and writes what changed; the dispatcher is told the merge and unmerge records written. A
 * component's profiles depend on nothing outside it, so this equals a full rebuild restricted to
 * the component. A replayed observation also retires the profiles its earlier attempt left behind
 * (see {@link leftBehind}).
 */
export async function recomputeComponent(
  deps: Pick<GraphDeps, 'store' | 'onEvents'>,
  seeds: Iterable<string>,
  config: GraphConfig,
  operation: GraphOperation,
): Promise<ProfilesResult> {
  const loaded = await loadComponent(deps.store, seeds);
  const rebuilt = rebuildProfiles({
    ...loaded.input,
    config,
    existingProfiles: [...loaded.profiles.values()].map((p) => ({
      profileId: p._id,
      createdAt: p.createdAt.getTime(),
    })),
    now: operation.at.getTime(),
    newProfileId: (seed) => newProfileIdOf(operation.id, seed),
  });
  const { replayRule } = operation;
  const result = replayRule
    ? await leftBehind(deps.store, loaded, rebuilt, operation.id, replayRule)
    : rebuilt;
  const written = await applyResult(deps.store, loaded, result, operation);
  for (const { model, written: documents } of written) deps.onEvents?.(model, documents);
  return result;
}

/**
 * The rebuild's result plus the profiles an earlier attempt of this operation inserted and no
 * identifier points at. A session writes new profiles before the identifiers that point at them;
 * an attempt killed in between leaves a live profile holding identifiers that another
 * observation may meanwhile have put in a profile of its own, and nothing else ever reads it
 * again. Its id derives from the operation and one identifier of the component, so the replay
 * looks those ids up (one read, by `_id`, only on replays) and has each such profile absorbed by
 * the profile that now holds its identifiers: retired, `mergedInto` that one, with a merge record
 * (and its event) for whoever kept the old id. A profile the rebuild creates again under the same
 * id is simply written again; one holding identifiers outside the component is left alone.
 */
async function leftBehind(
  store: GraphStore,
  loaded: LoadedComponent,
  result: ProfilesResult,
  operationId: string,
  rule: LinkRule,
): Promise<ProfilesResult> {
  const candidates = [...loaded.documents.keys()]
    .map((id) => newProfileIdOf(operationId, id))
    .filter((id) => !loaded.profiles.has(id));
  if (candidates.length === 0) return result;
  const again = new Set(result.profiles.map((profile) => profile.profileId));
  const holderOf = new Map(result.profiles.flatMap((p) => p.identifierIds.map((id) => [id, p] as const)));
  const merges: ProfileMerge[] = [];
  const retired: string[] = [];
  for (const profile of (await store.profiles.load(candidates)).values()) {
    if (again.has(profile._id) || profile.retiredAt !== null || profile.mergedInto !== null) continue;
    // No identifier of the component points at it (else it would be loaded): all of its must be here.
    if (profile.identifierIds.some((id) => !loaded.documents.has(id))) continue;
    retired.push(profile._id);
    const survivor = profile.identifierIds.flatMap((id) => holderOf.get(id) ?? [])[0];
    if (!survivor) continue;
    merges.push({
      survivorId: survivor.profileId,
      absorbedIds: [profile._id],
      identifierIds: survivor.identifierIds,
      rule,
      observationId: operationId,
    });
  }
  if (retired.length === 0) return result;
  return {
    ...result,
    merges: [...result.merges, ...merges],
    retiredProfileIds: [...result.retiredProfileIds, ...retired].sort(),
  };
}
