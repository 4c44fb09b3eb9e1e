import { estimateMatchModel, type EstimationSample } from '../../domain/suggestions/estimate.js';
import { decide, type ComparisonVector, type MatchModel } from '../../domain/suggestions/match-model.js';
import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { GraphDeps } from './graph-deps.js';
import { fileMatch } from './file-match.js';
import { compareIdentifiers } from './suggest.js';
import { tenantConfig } from './tenant-config.js';

/** Random pairs drawn per type for the u probabilities. */
export const RANDOM_PAIRS = 20_000;

export interface EstimateOutcome {
  model: MatchModel;
  scored: number;
  merged: number;
  suggested: number;
  heldAsNamesakes: number;
}

/** A small seeded generator (mulberry32): the same data gives the same sample, hence the same model. */
function seeded(seed: string): () => number {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pairsOf = (n: number) => (n * (n - 1)) / 2;

/**
 * Estimates the tenant's match model from its own data and scores every candidate pair again
 * (a staff command or a schedule, under the tenant's graph lock; it scans the tenant's blocking
 * keys and reads their identifiers by `_id`, which linking never does):
 * 1. the blocking keys say, per e-mail and phone, which names and stores it was seen with, and
 *    which identifiers are candidates for each other;
 * 2. labelled true pairs: every two e-mails (or phones) inside one profile; random pairs: every
 *    pair of the tenant's e-mails (phones) when there are at most `RANDOM_PAIRS`, else that many
 *    drawn at random; `estimateMatchModel` turns both into m, u and λ,
 *    stored for linking to use (`match_models`, read by `_id`);
 * 3. every candidate pair across two profiles is decided with the new model: merged above the
 *    high threshold, queued (or its score updated) between the two.
 */
export function estimateAndRescore(deps: GraphDeps, tenantId: string): Promise<EstimateOutcome> {
  return deps.lock.run(tenantId, async () => {
    const keys = await deps.store.matchKeys.ofTenant(tenantId);
    const names = new Map<string, Set<string>>();
    const stores = new Map<string, Set<string>>();
    const blocks: string[][] = [];
    const nameBlocks: string[][] = [];
    const remember = (into: Map<string, Set<string>>, id: string, value: string) =>
      into.set(id, (into.get(id) ?? new Set()).add(value));
    for (const key of keys) {
      const kind = key._id.slice(tenantId.length + 1);
      if (kind.startsWith('name:')) {
        key.identifierIds.forEach((id) => remember(names, id, kind));
        blocks.push(key.identifierIds);
        nameBlocks.push(key.identifierIds);
      } else if (kind.startsWith('store:')) {
        const storeId = kind.slice('store:'.length, kind.lastIndexOf(':mail:'));
        key.identifierIds.forEach((id) => remember(stores, id, storeId));
      } else blocks.push(key.identifierIds);
    }
    const ids = new Set([...names.keys(), ...stores.keys(), ...blocks.flat()]);
    const documents = [...(await deps.store.identifiers.load(ids)).values()].filter(
      (d) => !d.quarantined && d.profileId && (d.type === 'email' || d.type === 'phone'),
    );
    const byId = new Map(documents.map((d) => [d._id, d]));
    const values = new Map(documents.map((d) => [d._id, deps.crypto.openValue(d.type, d.sealed)]));
    /** Whether the two share a name (store); null when either was never seen with one. */
    const share = (into: Map<string, Set<string>>, a: string, b: string) => {
      const left = into.get(a);
      const right = into.get(b);
      if (left === undefined || right === undefined) return null;
      return [...right].some((value) => left.has(value));
    };
    const vectorOf = (a: IdentifierDocument, b: IdentifierDocument): ComparisonVector | null =>
      compareIdentifiers(
        { type: a.type, value: values.get(a._id) as string },
        { type: b.type, value: values.get(b._id) as string },
        { name: share(names, a._id, b._id), store: share(stores, a._id, b._id) },
      );

    const matched: ComparisonVector[] = [];
    const random: ComparisonVector[] = [];
    const pairs: EstimationSample['pairs'] = {
      email: { all: 0, inProfiles: 0 },
      phone: { all: 0, inProfiles: 0 },
    };
    const next = seeded(tenantId);
    for (const type of ['email', 'phone'] as const) {
      const ofType = documents.filter((d) => d.type === type);
      pairs[type].all = pairsOf(ofType.length);
      const byProfile = new Map<string, IdentifierDocument[]>();
      for (const d of ofType) byProfile.set(d.profileId!, [...(byProfile.get(d.profileId!) ?? []), d]);
      for (const members of byProfile.values())
        members.forEach((a, i) =>
          members.slice(i + 1).forEach((b) => {
            const vector = vectorOf(a, b);
            if (vector) matched.push(vector);
            pairs[type].inProfiles += 1;
          }),
        );
      // Every pair when there are few; else pairs drawn at random.
      const every = pairs[type].all <= RANDOM_PAIRS;
      const drawn = every
        ? ofType.flatMap((a, i) => ofType.slice(i + 1).map((b) => [a, b] as const))
        : Array.from({ length: RANDOM_PAIRS }, () => [
            ofType[Math.floor(next() * ofType.length)]!,
            ofType[Math.floor(next() * ofType.length)]!,
          ]);
      for (const [a, b] of drawn) {
        const vector = a._id === b._id ? null : vectorOf(a, b);
        if (vector) random.push(vector);
      }
    }
    // E-mails of two different profiles seen with one name: how namesakes' addresses compare.
    const sameName: ComparisonVector[] = [];
    for (const block of nameBlocks) {
      const members = block.flatMap((id) => {
        const d = byId.get(id);
        return d?.type === 'email' ? [d] : [];
      });
      members.forEach((a, i) =>
        members.slice(i + 1).forEach((b) => {
          const vector = a.profileId === b.profileId ? null : vectorOf(a, b);
          if (vector) sameName.push(vector);
        }),
      );
    }
    const model = estimateMatchModel({ matched, random, pairs, sameName }, deps.clock());
    await deps.store.staff.putMatchModel({ _id: tenantId, ...model });

    const config = { ...(await tenantConfig(deps.store.staff, deps.defaults, tenantId)), match: model };
    const outcome: EstimateOutcome = { model, scored: 0, merged: 0, suggested: 0, heldAsNamesakes: 0 };
    const joined = new Map<string, string>();
    const profileOf = (id: string) => {
      let profile = byId.get(id)!.profileId!;
      while (joined.has(profile)) profile = joined.get(profile)!;
      return profile;
    };
    const seen = new Set<string>();
    for (const block of blocks) {
      for (const [i, x] of block.entries()) {
        for (const y of block.slice(i + 1)) {
          const a = byId.get(x);
          const b = byId.get(y);
          const pair = x < y ? `${x}~${y}` : `${y}~${x}`;
          if (!a || !b || a.type !== b.type || seen.has(pair)) continue;
          seen.add(pair);
          const [pa, pb] = [profileOf(x), profileOf(y)];
          if (pa === pb) continue;
          if (a.overrideIds.some((id) => id === `nl:${pair}`)) continue;
          const vector = vectorOf(a, b);
          if (!vector) continue;
          outcome.scored += 1;
          const decision = decide(model, vector);
          if (decision.kind === 'none' && decision.guard === 'numbered-namesake')
            outcome.heldAsNamesakes += 1;
          const filed = await fileMatch(deps, config, tenantId, x, y, decision, 'rescore');
          if (filed === 'merged') {
            outcome.merged += 1;
            joined.set(pb, pa);
          } else if (filed === 'suggested') outcome.suggested += 1;
        }
      }
    }
    return outcome;
  });
}
