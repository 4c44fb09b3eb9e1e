import { NORMALISER_VERSION } from '@scontrino/identity';
import { isBlocked, MAX_NAMES_PER_IDENTIFIER } from '../../domain/graph/config.js';
import type { Observation, ObservedIdentifier } from '../../domain/observations/observation.js';
import type { IdentifierDocument, StoredLink } from '../../store/identifier-model.js';
import type { GraphDeps } from './graph-deps.js';
import { phoneNumberKey } from './blocking-keys.js';
import { observationNameHash } from './observation-name.js';
import { recomputeComponent } from './recompute.js';
import { suggestFor } from './suggest.js';
import type { TenantConfig } from './tenant-config.js';

/**
 * Links a stored observation (the caller holds the tenant's graph lock, usually in a graph
 * session): creates the identifiers it names (a blocklisted value is quarantined at birth), adds
 * a link for every pair of identifiers seen together that are not quarantined, recomputes the
 * component, files suggestions (when it recomputed), and marks the observation linked. Identifiers of erased people
 * (`erased`) stay out, even if the observation was stored before the erasure.
 *
 * A name the source gave (a web order, an identify) is kept, as its keyed hash, on the
 * observation's person-level identifiers (never on a card or payment fingerprint, which a family
 * shares): two people sharing a card are told apart by their names.
 *
 * The component is recomputed only when the observation brought something: a new identifier, a
 * new link, a proof, a new name or an earlier sighting, an identifier without a profile yet, or a link this
 * very observation added on an earlier attempt (a replay after a crash, whose recomputation may
 * not have been written). Otherwise the component is the one its last recomputation wrote (a
 * rebuild of its own result changes nothing), and a regular customer's sale reads its
 * identifiers and writes nothing to the graph.
 *
 * A replay (`replay`: stored before, not marked linked) always recomputes, so that a profile its
 * earlier attempt created and could not finish is found and retired (see `recomputeComponent`).
 *
 * Idempotent: every step is safe to repeat, and a repeated observation brings nothing new.
 */
export async function linkObservation(
  deps: Omit<GraphDeps, 'linker'>,
  config: TenantConfig,
  stored: Observation,
  erased: ReadonlySet<string>,
  replay = false,
): Promise<{ recomputed: boolean }> {
  const { store } = deps;
  const observation = { ...stored, identifiers: stored.identifiers.filter((i) => !erased.has(i.id)) };
  const documents: IdentifierDocument[] = [];
  const name = observationNameHash(deps.crypto, observation);
  let brought = false;
  for (const observed of observation.identifiers) {
    const named = name !== null && !config.graph.householdTypes.includes(observed.type) ? name : null;
    const ensured = await ensureIdentifier(deps, config, observation, observed, named);
    documents.push(ensured.document);
    brought ||= ensured.changed;
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
    if (added.length > 0) await store.identifiers.addLinks(document._id, added);
    brought ||=
      added.length > 0 ||
      !document.profileId ||
      document.links.some((link) => link.observationId === observation.observationId);
  }
  // A replay recomputes whatever it brings: its earlier attempt may have died between its writes.
  const recomputed = active.length > 0 && (brought || replay);
  if (recomputed) {
    await recomputeComponent(
      deps,
      active.map((document) => document._id),
      config.graph,
      {
        id: observation.observationId,
        tenantId: observation.tenantId,
        actor: null,
        splitRule: 'junk',
        ...(replay && { replayRule: observation.rule }),
        at: deps.clock(),
      },
    );
  }
  // Nothing new for the graph, nothing new to suggest: a regular's sale reads no blocking key.
  if (recomputed) await suggestFor(deps, config, observation);
  await store.observations.markLinked(observation.observationId, observation.tenantId, deps.clock());
  return { recomputed };
}

async function ensureIdentifier(
  deps: Omit<GraphDeps, 'linker'>,
  config: TenantConfig,
  observation: Observation,
  observed: ObservedIdentifier,
  name: string | null,
): Promise<{ document: IdentifierDocument; changed: boolean }> {
  const existing = await deps.store.identifiers.get(observed.id);
  if (existing) {
    const verified = observed.verified && !existing.verified;
    const older = observation.at < existing.firstSeenAt ? observation.at : undefined;
    const names = existing.names ?? [];
    const named =
      name !== null && !names.includes(name) && names.length < MAX_NAMES_PER_IDENTIFIER ? name : undefined;
    // A phone stored before its number key was kept gets it now.
    const numberKey =
      existing.type === 'phone' && !existing.numberKey
        ? (phoneNumberKey(deps.crypto, deps.crypto.openValue(existing.type, existing.sealed)) ?? undefined)
        : undefined;
    if (verified || older || named || numberKey) {
      await deps.store.identifiers.markSeen(existing._id, {
        verified,
        ...(older && { firstSeenAt: older }),
        ...(named && { name: named }),
        ...(numberKey && { numberKey }),
      });
    }
    const document = {
      ...existing,
      verified: existing.verified || observed.verified,
      firstSeenAt: older ?? existing.firstSeenAt,
      ...(named && { names: [...names, named] }),
      ...(numberKey && { numberKey }),
    };
    return {
      document,
      changed: verified || older !== undefined || named !== undefined || numberKey !== undefined,
    };
  }
  const value = deps.crypto.openValue(observed.type, observed.sealed);
  const blocked = isBlocked({ type: observed.type, value }, config.graph.blocklist);
  const at = deps.clock();
  const numberKey = observed.type === 'phone' ? phoneNumberKey(deps.crypto, value) : null;
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
    ...(name !== null && { names: [name] }),
    ...(numberKey && { numberKey }),
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
  return { document: created, changed: true };
}
