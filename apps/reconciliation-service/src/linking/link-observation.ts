import { isBlocked } from '../domain/graph/config.js';
import type { Observation, ObservedIdentifier } from '../domain/observations/observation.js';
import { NORMALISER_VERSION } from '@scontrino/identity';
import type { IdentifierDocument, StoredLink } from '../store/identifier-model.js';
import type { GraphDeps } from './graph-deps.js';
import { recomputeComponent } from './recompute.js';
import { suggestFor } from './suggest.js';
import { tenantConfig, type TenantConfig } from './tenant-config.js';

/**
 * Links a stored observation under the tenant's graph lock: creates the identifiers it names (a blocklisted value is
 * quarantined at birth), adds a link for every pair of identifiers seen together that are not
 * quarantined, recomputes the component, and marks the observation linked. Idempotent: a linked
 * observation is skipped, and every step of a half-done one is safe to repeat.
 */
export async function linkObservation(deps: GraphDeps, stored: Observation): Promise<void> {
  const { store } = deps;
  await deps.lock.run(stored.tenantId, async () => {
    if (await store.observations.isLinked(stored.observationId)) return;
    // Stored before an erasure, linked after it: the erased person's identifiers stay out.
    const erased = await store.records.tombstoned(stored.identifiers.map((identifier) => identifier.id));
    const observation = { ...stored, identifiers: stored.identifiers.filter((i) => !erased.has(i.id)) };
    const config = await tenantConfig(store.staff, deps.defaults, observation.tenantId);
    const documents: IdentifierDocument[] = [];
    for (const observed of observation.identifiers) {
      documents.push(await ensureIdentifier(deps, config, observation, observed));
    }
    const active = documents.filter((document) => !document.quarantined);
    for (const document of active) {
      const known = new Set(document.links.map((link) => link.to));
      const added: StoredLink[] = active
        .filter((other) => other._id !== document._id && !known.has(other._id))
        .map((other) => ({
          to: other._id,
          observationId: observation.observationId,
          at: observation.at,
          rule: observation.rule,
        }));
      await store.identifiers.addLinks(document._id, added);
    }
    if (active.length > 0) {
      await recomputeComponent(
        deps,
        active.map((document) => document._id),
        config.graph,
        {
          id: observation.observationId,
          tenantId: observation.tenantId,
          actor: null,
          splitRule: 'junk',
          at: deps.clock(),
          observation,
        },
      );
    }
    await suggestFor(deps, observation);
    await store.observations.markLinked(observation.observationId, observation.tenantId, deps.clock());
  });
}

async function ensureIdentifier(
  deps: GraphDeps,
  config: TenantConfig,
  observation: Observation,
  observed: ObservedIdentifier,
): Promise<IdentifierDocument> {
  const existing = await deps.store.identifiers.get(observed.id);
  if (existing) {
    const verified = observed.verified && !existing.verified;
    const older = observation.at < existing.firstSeenAt ? observation.at : undefined;
    if (verified || older) {
      await deps.store.identifiers.markSeen(existing._id, { verified, ...(older && { firstSeenAt: older }) });
    }
    return {
      ...existing,
      verified: existing.verified || observed.verified,
      firstSeenAt: older ?? existing.firstSeenAt,
    };
  }
  const value = deps.crypto.openValue(observed.type, observed.sealed);
  const blocked = isBlocked({ type: observed.type, value }, config.graph.blocklist);
  const at = deps.clock();
  const quarantined = blocked
    ? { reason: 'blocklist' as const, at, actor: null, profilesJoined: null }
    : null;
  const created = await deps.store.identifiers.create({
    _id: observed.id,
    tenantId: observation.tenantId,
    type: observed.type,
    hash: observed.hash,
    sealed: observed.sealed,
    normaliserVersion: NORMALISER_VERSION,
    country: observed.country,
    firstSeenAt: observation.at,
    verified: observed.verified,
    profileId: null,
    quarantined,
    links: [],
    cutLinkIds: [],
    overrideIds: [],
  });
  if (quarantined) {
    await deps.store.staff.reportQuarantine({
      _id: observed.id,
      tenantId: observation.tenantId,
      type: observed.type,
      ...quarantined,
    });
  }
  return created;
}
