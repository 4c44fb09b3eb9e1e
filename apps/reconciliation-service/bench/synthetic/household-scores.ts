import type { GroundTruth, IdentifierKey } from './ground-truth.js';

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
