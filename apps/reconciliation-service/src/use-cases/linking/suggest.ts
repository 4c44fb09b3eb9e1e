import { compareEmails } from '../../domain/suggestions/email-variants.js';
import { decide, type ComparisonVector, type MatchDecision } from '../../domain/suggestions/match-model.js';
import { comparePhones } from '../../domain/suggestions/suggestion-rules.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import { MATCH_KEY_LIMIT, matchKeyId } from '../../store/match-keys.js';
import { blockingKeysOf } from './blocking-keys.js';
import type { GraphDeps } from './graph-deps.js';
import { fileMatch } from './file-match.js';
import type { TenantConfig } from './tenant-config.js';

/**
 * Reads ahead, in one go, what `suggestFor` will read for these observations: their blocking
 * keys and the identifiers the keys hold. On a graph session the reads are then kept.
 */
export async function prefetchSuggestions(
  store: Pick<GraphStore, 'matchKeys' | 'identifiers'>,
  crypto: IdentityCrypto,
  observations: readonly Observation[],
): Promise<void> {
  const keys = new Set<string>();
  for (const observation of observations) {
    const blocking = blockingKeysOf(crypto, observation);
    if (blocking.candidates.size === 0) continue;
    if (blocking.name) keys.add(matchKeyId(observation.tenantId, blocking.name));
    for (const own of blocking.candidates.values())
      for (const { key } of own) keys.add(matchKeyId(observation.tenantId, key));
  }
  if (keys.size === 0) return;
  const held = await store.matchKeys.load(keys);
  await store.identifiers.load(
    [...held.values()].flatMap((key) =>
      key.identifierIds.length < MATCH_KEY_LIMIT ? key.identifierIds : [],
    ),
  );
}

/**
 * How the pair compares, as the model reads it; null for identifiers of different types. For
 * the name and the store, `true` (shared), `false` (each side known, none shared) or `null`
 * (a side never seen with one: unknown, left out).
 */
export function compareIdentifiers(
  own: { type: string; value: string },
  other: { type: string; value: string },
  shared: { name: boolean | null; store: boolean | null },
): ComparisonVector | null {
  if (own.type !== other.type || own.value === other.value) return null;
  const level = (known: boolean | null) =>
    known === null ? undefined : known ? ('same' as const) : ('different' as const);
  const context = {
    ...(shared.name !== null && { name: level(shared.name) }),
    ...(shared.store !== null && { store: level(shared.store) }),
  };
  if (own.type === 'email') return { email: compareEmails(own.value, other.value), ...context };
  if (own.type === 'phone') return { phone: comparePhones(own.value, other.value), ...context };
  return null;
}

/**
 * After an observation is linked: scores, with the tenant's match model, the pairs of its
 * e-mails and phones with identifiers of other profiles that share a blocking key (the name, an
 * e-mail's letters, at large or at this store, a phone's national digits). Above the high threshold the
 * pair is merged at once (a must-link recorded as `auto-merge`, undone by `suggestions.reject`);
 * between the thresholds it goes to the review queue. Reads only by `_id`.
 */
export async function suggestFor(
  deps: Pick<GraphDeps, 'store' | 'crypto' | 'clock' | 'onEvents' | 'audit'>,
  config: TenantConfig,
  observation: Observation,
): Promise<void> {
  const { store, crypto } = deps;
  const tenantId = observation.tenantId;
  const blocking = blockingKeysOf(crypto, observation);
  const mine = await store.identifiers.load([...blocking.candidates.keys()]);
  const active = [...mine.values()].filter((d) => !d.quarantined);
  if (active.length === 0) return;
  const valueOf = (d: IdentifierDocument) => crypto.openValue(d.type, d.sealed);

  const sameName = new Set<string>();
  if (blocking.name)
    for (const id of await store.matchKeys.add(
      tenantId,
      blocking.name,
      active.map((d) => d._id),
    ))
      sameName.add(id);
  const candidatesOf = new Map<string, Set<string>>();
  const atStore = new Set<string>();
  for (const own of active) {
    const found = new Set<string>(sameName);
    for (const { key, atStore: storeKey } of blocking.candidates.get(own._id) ?? []) {
      for (const id of await store.matchKeys.add(tenantId, key, [own._id])) {
        found.add(id);
        if (storeKey) atStore.add(`${own._id}|${id}`);
      }
    }
    candidatesOf.set(own._id, found);
  }
  const others = await store.identifiers.load([...candidatesOf.values()].flatMap((ids) => [...ids]));
  for (const own of active) {
    for (const otherId of candidatesOf.get(own._id) ?? []) {
      const other = others.get(otherId);
      if (!other || other.quarantined || !other.profileId || other._id === own._id) continue;
      const current = await store.identifiers.get(own._id);
      const latest = await store.identifiers.get(other._id);
      if (!current?.profileId || !latest?.profileId || current.profileId === latest.profileId) continue;
      if (current.overrideIds.some((id) => id.startsWith('nl:') && id.includes(other._id))) continue;
      const vector = compareIdentifiers(
        { type: own.type, value: valueOf(own) },
        { type: other.type, value: valueOf(other) },
        // Linking knows what the pair shares, not what it does not (that would take more reads).
        {
          name: sameName.has(other._id) ? true : null,
          store: atStore.has(`${own._id}|${other._id}`) ? true : null,
        },
      );
      if (!vector) continue;
      const decision: MatchDecision = decide(config.match, vector);
      await fileMatch(deps, config, tenantId, own._id, other._id, decision, 'once');
    }
  }
}
