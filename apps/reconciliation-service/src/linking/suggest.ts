import {
  nameKey,
  phoneDigitsKey,
  scorePair,
  SUGGESTION_THRESHOLD,
} from '../domain/suggestions/suggestion-rules.js';
import type { Observation } from '../domain/observations/observation.js';
import type { IdentifierDocument } from '../store/identifier-model.js';
import type { GraphDeps } from './graph-deps.js';

const pairId = (a: string, b: string) => (a < b ? `sug:${a}~${b}` : `sug:${b}~${a}`);

/**
 * After an observation is linked: files pairs that no rule joined but that look like one person
 * (same name and e-mails one typo apart; one phone number under two prefixes) in the review
 * queue. Candidates come from blocking keys (hashed name, hashed phone digits), read by `_id`.
 */
export async function suggestFor(deps: GraphDeps, observation: Observation): Promise<void> {
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
      `name:${crypto.lookupHash('name', name)}`,
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
    const key = `phone9:${crypto.lookupHash('phone-digits', digits)}`;
    for (const id of await store.matchKeys.add(tenantId, key, [phone._id])) candidates.add(id);
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
