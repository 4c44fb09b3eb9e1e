import { namesDiffer } from '../../src/domain/graph/guarded-join.js';
import { nameKey } from '../../src/domain/suggestions/suggestion-rules.js';
import type { GroundTruth, IdentifierKey } from './ground-truth.js';
import type { SyntheticObservation } from './observations.js';

/** A predicted profile with its household, as the evaluation reads it. */
export interface PredictedMember {
  profileId: string;
  householdId: string | null;
  keys: readonly IdentifierKey[];
}

export interface HouseholdScores {
  /** Households of the ground truth whose members were both seen with person-level identifiers. */
  truth: number;
  /** …whose members' profiles are apart and in one predicted household. */
  formed: number;
  /** …with one profile holding both members' identifiers (a household merged into one person). */
  merged: number;
  /** …neither merged nor formed (the members apart, no household ties them). */
  missed: number;
  /** Households in the prediction. */
  predicted: number;
  /** Among those with a possible-but-not-valid phone: how many are in a profile (kept, not dropped). */
  possibleOnlyPhones: { truth: number; linked: number };
}

/**
 * How the ground truth's households came out: formed (members apart, in one household), merged
 * into one profile, or missed; and whether the possible-only phones were kept as identifiers.
 * `possibleOnly` lists the ground-truth keys of such phones.
 */
export function householdScores(
  truth: GroundTruth,
  households: readonly { householdId: string; personIds: readonly string[] }[],
  profiles: readonly PredictedMember[],
  possibleOnly: ReadonlySet<IdentifierKey>,
): HouseholdScores {
  const profilesOf = new Map<string, Set<PredictedMember>>();
  const linkedKeys = new Set<IdentifierKey>();
  for (const profile of profiles) {
    for (const key of profile.keys) {
      linkedKeys.add(key);
      const owner = truth.identifiers.get(key)?.owner;
      if (owner?.kind !== 'person') continue;
      const set = profilesOf.get(owner.personId) ?? new Set();
      set.add(profile);
      profilesOf.set(owner.personId, set);
    }
  }
  const scores: HouseholdScores = {
    truth: 0,
    formed: 0,
    merged: 0,
    missed: 0,
    predicted: new Set(profiles.flatMap((p) => (p.householdId ? [p.householdId] : []))).size,
    possibleOnlyPhones: { truth: possibleOnly.size, linked: 0 },
  };
  for (const household of households) {
    const [a, b] = household.personIds.map((id) => [...(profilesOf.get(id) ?? [])]);
    if (!a || !b || a.length === 0 || b.length === 0) continue;
    scores.truth += 1;
    if (a.some((p) => b.includes(p))) scores.merged += 1;
    else if (a.some((p) => p.householdId && b.some((q) => q.householdId === p.householdId)))
      scores.formed += 1;
    else scores.missed += 1;
  }
  for (const key of possibleOnly) if (linkedKeys.has(key)) scores.possibleOnlyPhones.linked += 1;
  return scores;
}

/**
 * Households whose members the data tells apart at the shared card: on sales or claims with the
 * card, each member showed an identifier of a kind the other also showed with it (a phone, a web
 * account) or each proved an e-mail there; or each member gave a name somewhere (a web order) and
 * no name of one is the other's (an upper bound for the name rule: it needs the named identifiers
 * tied to what the member showed with the card). The others showed the card with nothing of the
 * same kind and one or both never gave a name (one a payment card only, the other a phone): one
 * person with two payment cards looks the same, so no rule can make them a household without
 * splitting such people.
 */
export function householdsToldApart(observations: readonly SyntheticObservation[]): Set<string> {
  const kinds = new Map<string, Map<string, Set<string>>>();
  const names = new Map<string, Set<string>>();
  for (const observation of observations) {
    if (observation.name) {
      const given = nameKey(observation.name);
      if (given) names.set(observation.personId, (names.get(observation.personId) ?? new Set()).add(given));
    }
    for (const shared of observation.identifiers) {
      if (shared.owner.kind !== 'household') continue;
      const members = kinds.get(shared.owner.householdId) ?? new Map<string, Set<string>>();
      kinds.set(shared.owner.householdId, members);
      for (const own of observation.identifiers) {
        if (own.owner.kind !== 'person') continue;
        const seen = members.get(own.owner.personId) ?? new Set<string>();
        members.set(own.owner.personId, seen);
        const kind =
          own.type === 'email'
            ? own.verified
              ? 'proven-email'
              : null
            : own.type === 'payment'
              ? null
              : own.type;
        if (kind && own.type !== 'card' && own.type !== 'device') seen.add(kind);
      }
    }
  }
  const apart = new Set<string>();
  for (const [householdId, members] of kinds) {
    const [a, b] = [...members.values()];
    const [nameA, nameB] = [...members.keys()].map((personId) => names.get(personId));
    if ((a && b && [...a].some((kind) => b.has(kind))) || namesDiffer(nameA, nameB)) apart.add(householdId);
  }
  return apart;
}
