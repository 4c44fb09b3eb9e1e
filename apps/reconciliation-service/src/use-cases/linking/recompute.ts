import { rebuildProfiles } from '../../domain/graph/rebuild.js';
import type { GraphConfig, ProfilesResult } from '../../domain/graph/types.js';
import { derivedId } from '../../domain/ids.js';
import { applyResult } from './apply-result.js';
import type { GraphDeps } from './graph-deps.js';
import { loadComponent } from './load-component.js';
import type { GraphOperation } from './operation.js';

/**
 * Recomputes the profiles of the component around `seeds` (the caller holds the tenant's graph
 * lock) and writes what changed; the dispatcher is told the merge and unmerge records written. A
 * component's profiles depend on nothing outside it, so this equals a full rebuild restricted to
 * the component.
 */
export async function recomputeComponent(
  deps: Pick<GraphDeps, 'store' | 'onEvents'>,
  seeds: Iterable<string>,
  config: GraphConfig,
  operation: GraphOperation,
): Promise<ProfilesResult> {
  const loaded = await loadComponent(deps.store, seeds);
  const result = rebuildProfiles({
    ...loaded.input,
    config,
    existingProfiles: [...loaded.profiles.values()].map((p) => ({
      profileId: p._id,
      createdAt: p.createdAt.getTime(),
    })),
    now: operation.at.getTime(),
    newProfileId: (seed) => derivedId('prf', operation.id, seed),
  });
  const written = await applyResult(deps.store, loaded, result, operation);
  for (const { model, written: documents } of written) deps.onEvents?.(model, documents);
  return result;
}
