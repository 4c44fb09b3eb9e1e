import { isBlocked } from '../../domain/graph/config.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { GraphDeps, Linker, LinkingLane, StoredObservation } from './graph-deps.js';
import { createGraphCache, type GraphCache } from './graph-cache.js';
import { openGraphSession } from './graph-session.js';
import { linkObservation } from './link-observation.js';
import { loadComponent } from './load-component.js';
import { newProfileIdOf } from './recompute.js';
import { prefetchSuggestions } from './suggest.js';
import { type TenantConfig, tenantConfig } from './tenant-config.js';

export type LinkerDeps = Omit<GraphDeps, 'linker'>;

interface Request {
  observation: Observation;
  store: boolean;
  resolve(stored: StoredObservation): void;
  reject(error: unknown): void;
}

/** Most observations linked in one batch. */
export const MAX_LINK_BATCH = 100;

/**
 * Longest a batch waits to gather as many observations as the tenant's last batch had (ms). Under
 * load the callers answered by one batch send their next observations within a few milliseconds;
 * without the wait the first of them would start a batch of one and the rest wait for it.
 */
export const LINK_BATCH_WINDOW_MS = 5;

/** Tenants whose graph the linker keeps in memory between batches (the least recently linked dropped). */
const CACHED_TENANTS = 16;

export function createLinker(
  deps: LinkerDeps,
  maxBatch = MAX_LINK_BATCH,
  windowMs = LINK_BATCH_WINDOW_MS,
): Linker {
  /** Per tenant, what waits for a batch: the live lane (tills, web orders, single calls) and bulk. */
  const waiting = new Map<string, Record<LinkingLane, Request[]>>();
  const running = new Set<string>();
  const caches = new Map<string, GraphCache>();
  /** Per tenant: the size of its last batch, which the next one waits for (a batch of one never waits). */
  const lastSize = new Map<string, number>();
  const windows = new Map<string, NodeJS.Timeout>();

  /** The tenant's cache as the linker's last turn left it; a new one when anyone else held the lock since. */
  function cacheFor(tenantId: string): GraphCache {
    const turn = deps.lock.turns(tenantId);
    let cache = caches.get(tenantId);
    caches.delete(tenantId);
    if (!cache || cache.turn !== turn - 1) cache = createGraphCache(turn);
    cache.turn = turn;
    caches.set(tenantId, cache);
    if (caches.size > CACHED_TENANTS) caches.delete(caches.keys().next().value as string);
    return cache;
  }

  async function linkCached(tenantId: string, batch: readonly Request[]): Promise<void> {
    const cache = cacheFor(tenantId);
    try {
      await linkBatch(deps, tenantId, batch, cache);
    } catch (error) {
      // Written in part or not at all: the next batch reads the database again.
      caches.delete(tenantId);
      throw error;
    }
  }

  function pump(tenantId: string, windowOver = false): void {
    if (running.has(tenantId)) return;
    const lanes = waiting.get(tenantId);
    const count = lanes ? lanes.live.length + lanes.bulk.length : 0;
    if (!lanes || count === 0) return void waiting.delete(tenantId);
    const expected = Math.min(maxBatch, lastSize.get(tenantId) ?? 1);
    if (count < expected && !windowOver) {
      if (!windows.has(tenantId))
        windows.set(
          tenantId,
          setTimeout(() => {
            windows.delete(tenantId);
            pump(tenantId, true);
          }, windowMs),
        );
      return;
    }
    clearTimeout(windows.get(tenantId));
    windows.delete(tenantId);
    // The live lane first: a till's sale does not wait behind a CRM sync's thousands of sightings.
    // While live observations wait, bulk ones take at most a quarter of a batch: a batch takes
    // longer the more it holds, and the next live arrivals wait for it to end.
    const live = lanes.live.splice(0, maxBatch);
    const room = live.length > 0 ? Math.min(maxBatch - live.length, Math.ceil(maxBatch / 4)) : maxBatch;
    const batch = [...live, ...lanes.bulk.splice(0, room)];
    if (lanes.live.length + lanes.bulk.length === 0) waiting.delete(tenantId);
    lastSize.set(tenantId, batch.length);
    running.add(tenantId);
    void deps.lock
      .run(tenantId, () => linkCached(tenantId, batch))
      .catch((error: unknown) => batch.forEach((request) => request.reject(error)))
      .finally(() => {
        running.delete(tenantId);
        pump(tenantId);
      });
  }

  function submit(observation: Observation, store: boolean, lane: LinkingLane): Promise<StoredObservation> {
    return new Promise((resolve, reject) => {
      const lanes = waiting.get(observation.tenantId) ?? { live: [], bulk: [] };
      lanes[lane].push({ observation, store, resolve, reject });
      waiting.set(observation.tenantId, lanes);
      pump(observation.tenantId);
    });
  }

  return {
    storeAndLink: (observation, lane = 'live') => submit(observation, true, lane),
    link: async (observation) => void (await submit(observation, false, 'live')),
  };
}

/**
 * One batch, under the tenant's graph lock, on one graph session: every identifier the batch
 * names read once (tombstones only for those not found: an erased identifier has no document),
 * then at the same time the new observations stored (in one insert), the components that may
 * change and the suggestions' blocking keys read ahead; each observation linked in order on what
 * the session holds; everything written at once and the dispatcher told of the events.
 */
async function linkBatch(
  deps: LinkerDeps,
  tenantId: string,
  requests: readonly Request[],
  cache?: GraphCache,
): Promise<void> {
  const session = openGraphSession(deps.store, cache);
  const erasedAmong = async (observations: readonly Observation[]) => {
    const named = observations.flatMap((o) => o.identifiers.map((i) => i.id));
    const found = await session.identifiers.load(named);
    return session.records.tombstoned(named.filter((id) => !found.has(id)));
  };
  const observations = requests.map((request) => request.observation);
  const named = await session.identifiers.load(observations.flatMap((o) => o.identifiers.map((i) => i.id)));

  const store = async () => {
    const erased = await erasedAmong(observations);
    const outcomes: StoredObservation[] = requests.map((request) => ({
      status: 'accepted',
      observation: {
        ...request.observation,
        identifiers: request.observation.identifiers.filter((i) => !erased.has(i.id)),
      },
    }));
    const toStore = requests.flatMap((request, index) => (request.store ? [index] : []));
    const kept = toStore.map((index) => (outcomes[index] as StoredObservation).observation);
    const inserted = await deps.store.observations.insertEach(kept);
    const duplicates = kept.filter((_, n) => inserted[n] === 'duplicate').map((o) => o.observationId);
    const stored = await deps.store.observations.load(duplicates);
    toStore.forEach((index, n) => {
      const observation = kept[n] as Observation;
      if (inserted[n] === 'duplicate')
        outcomes[index] = {
          status: 'duplicate',
          observation: stored.get(observation.observationId) ?? observation,
        };
    });
    // A duplicate may name other identifiers than the copy that came now.
    const linked = outcomes.map((outcome) => outcome.observation);
    // A duplicate not marked linked is a replay whose earlier attempt may have died half-way.
    const [erasedNow, marked, leftOver] = await Promise.all([
      erasedAmong(linked),
      deps.store.observations.linkedAmong(duplicates),
      configured.then((config) =>
        profilesLeftBy(
          deps,
          config,
          requests.filter((request) => !request.store).map((request) => request.observation),
        ),
      ),
    ]);
    const replays = new Set([...duplicates.filter((id) => !marked.has(id)), ...leftOver]);
    return { outcomes, erased: new Set([...erased, ...erasedNow]), replays };
  };
  // The components these observations will recompute, read ring by ring for all at once.
  const mayChange = observations.filter((observation) => mayBring(observation, named));
  const configured = tenantConfig(session.staff, deps.defaults, tenantId);
  const [{ outcomes, erased, replays }, config] = await Promise.all([
    store(),
    configured,
    loadComponent(
      session,
      mayChange.flatMap((o) => o.identifiers.map((i) => i.id)),
    ),
    prefetchSuggestions(session, deps.crypto, mayChange),
  ]);

  // Audit entries (automatic merges) are written once the batch is: a failed batch records none.
  const audited: Parameters<NonNullable<LinkerDeps['audit']>['record']>[0][] = [];
  const sessionDeps = {
    ...deps,
    store: session,
    onEvents: undefined,
    audit: { record: (entry: (typeof audited)[number]) => Promise.resolve(void audited.push(entry)) },
  };
  const done: number[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    try {
      const replay = replays.has(outcome.observation.observationId);
      await linkObservation(sessionDeps, config, outcome.observation, erased, replay);
      done.push(index);
    } catch (error) {
      (requests[index] as Request).reject(error);
    }
  }
  const written = await session.flush();
  session.keep();
  for (const { model, written: documents } of written) deps.onEvents?.(model, documents);
  for (const entry of audited) await deps.audit?.record(entry);
  for (const index of done) (requests[index] as Request).resolve(outcomes[index] as StoredObservation);
}

/**
 * The observations stored before their linking (a web order, stored by the API with its event)
 * whose earlier linking left a profile behind. Nothing marks such an observation before its
 * linking's last write, so a redelivery after a crash looks like a first delivery. But a profile
 * an attempt creates for a new customer has an id derived from the observation and the
 * component's oldest identifier (`newProfileIdOf`): the observation's identifiers, all first seen
 * at its time, so the smallest id among those not quarantined at birth. That id exists only if an
 * earlier attempt wrote it: one read by `_id` per observation, and a live profile found makes the
 * observation a replay, which retires it into the profile now holding its identifiers. (A profile
 * an attempt created for the younger part of a split is seeded elsewhere and not looked up.)
 */
async function profilesLeftBy(
  deps: LinkerDeps,
  config: TenantConfig,
  observations: readonly Observation[],
): Promise<string[]> {
  const candidates = new Map<string, string>();
  for (const observation of observations) {
    const [seed] = observation.identifiers
      .filter((identifier) => {
        const value = deps.crypto.openValue(identifier.type, identifier.sealed);
        return !isBlocked({ type: identifier.type, value }, config.graph.blocklist);
      })
      .map((identifier) => identifier.id)
      .sort();
    if (seed !== undefined)
      candidates.set(newProfileIdOf(observation.observationId, seed), observation.observationId);
  }
  if (candidates.size === 0) return [];
  const found = await deps.store.profiles.load(candidates.keys());
  return [...found.values()]
    .filter((profile) => profile.retiredAt === null && profile.mergedInto === null)
    .map((profile) => candidates.get(profile._id) as string);
}

/**
 * Whether linking the observation may recompute its component (see `linkObservation`), judged
 * from its identifiers as stored before the batch: a hint for reading ahead, nothing more.
 */
function mayBring(observation: Observation, stored: ReadonlyMap<string, IdentifierDocument>): boolean {
  const active: IdentifierDocument[] = [];
  for (const identifier of observation.identifiers) {
    const document = stored.get(identifier.id);
    if (!document) return true;
    if (identifier.verified && !document.verified) return true;
    if (observation.at < document.firstSeenAt) return true;
    if (!document.quarantined) active.push(document);
  }
  return active.some((document) => {
    const linked = new Set(document.links.map((link) => link.to));
    return (
      !document.profileId ||
      document.links.some((link) => link.observationId === observation.observationId) ||
      active.some((other) => other._id !== document._id && !linked.has(other._id))
    );
  });
}
