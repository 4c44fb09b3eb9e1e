import {
  nameKey,
  phoneDigitsKey,
  scorePair,
  SUGGESTION_THRESHOLD,
} from '../../domain/suggestions/suggestion-rules.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import { MATCH_KEY_LIMIT, matchKeyId } from '../../store/match-keys.js';
import type { GraphDeps } from './graph-deps.js';

const pairId = (a: string, b: string) => (a < b ? `sug:${a}~${b}` : `sug:${b}~${a}`);

const nameBlockingKey = (crypto: IdentityCrypto, name: string) => `name:${crypto.lookupHash('name', name)}`;
const phoneBlockingKey = (crypto: IdentityCrypto, digits: string) =>
  `phone9:${crypto.lookupHash('phone-digits', digits)}`;

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
    if (!observation.identifiers.some((i) => i.type === 'email' || i.type === 'phone')) continue;
    const name = observation.nameSealed ? nameKey(crypto.openName(observation.nameSealed)) : null;
    if (name) keys.add(matchKeyId(observation.tenantId, nameBlockingKey(crypto, name)));
    for (const phone of observation.identifiers.filter((i) => i.type === 'phone')) {
      const digits = phoneDigitsKey(crypto.openValue(phone.type, phone.sealed));
      if (digits) keys.add(matchKeyId(observation.tenantId, phoneBlockingKey(crypto, digits)));
    }
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
 * After an observation is linked: files pairs that no rule joined but that look like one person
 * (same name and e-mails one typo apart; one phone number under two prefixes) in the review
 * queue. Candidates come from blocking keys (hashed name, hashed phone digits), read by `_id`.
 */
export async function suggestFor(
  deps: Pick<GraphDeps, 'store' | 'crypto' | 'clock'>,
  observation: Observation,
): Promise<void> {
  const { store, crypto } = deps;
  const tenantId = observation.tenantId;
  const mine = (await store.identifiers.load(observation.identifiers.map((i) => i.id))).values();
  const active = [...mine].filter((d) => !d.quarantined && (d.type === 'email' || d.type === 'phone'));
  if (active.length === 0) return;
  const valueOf = (d: IdentifierDocument) => crypto.openValue(d.type, d.sealed);

  const name = observation.nameSealed ? nameKey(crypto.openName(observation.nameSealed)) : null;
  const sameName = new Set<string>();
  const candidates = new Set<string>();
  if (name) {
    const before = await store.matchKeys.add(
      tenantId,
      nameBlockingKey(crypto, name),
      active.map((d) => d._id),
    );
    before.forEach((id) => {
      sameName.add(id);
      candidates.add(id);
    });
  }
  for (const phone of active.filter((d) => d.type === 'phone')) {
    const digits = phoneDigitsKey(valueOf(phone));
    if (!digits) continue;
    for (const id of await store.matchKeys.add(tenantId, phoneBlockingKey(crypto, digits), [phone._id]))
      candidates.add(id);
  }
  for (const other of (await store.identifiers.load(candidates)).values()) {
    if (other.quarantined || !other.profileId) continue;
    for (const own of active) {
      if (own.type !== other.type || own._id === other._id) continue;
      const current = await store.identifiers.get(own._id);
      if (!current?.profileId || current.profileId === other.profileId) continue;
      if (current.overrideIds.some((id) => id.startsWith('nl:') && id.includes(other._id))) continue;
      const names = name ? [name] : [];
      const scored = scorePair(
        { type: own.type, value: valueOf(own), names },
        { type: other.type, value: valueOf(other), names: sameName.has(other._id) ? names : [] },
      );
      if (!scored || scored.score < SUGGESTION_THRESHOLD) continue;
      const [a, b] = own._id < other._id ? [own._id, other._id] : [other._id, own._id];
      await store.staff.suggest({
        _id: pairId(a, b),
        tenantId,
        a,
        b,
        score: scored.score,
        reasons: scored.reasons,
        status: 'open',
        createdAt: deps.clock(),
        decidedAt: null,
        actor: null,
      });
    }
  }
}
