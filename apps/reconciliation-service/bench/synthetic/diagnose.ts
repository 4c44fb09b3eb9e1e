import type { GroundTruth, IdentifierKey } from './ground-truth.js';
import type { SyntheticObservation } from './observations.js';
import type { IdentifierLabel } from './pairwise.js';
import type { SyntheticPerson } from './people.js';

/** A predicted profile as the evaluation reads it: its identifiers as ground-truth keys. */
export interface PredictedProfile {
  profileId: string;
  keys: IdentifierKey[];
}

export interface MixedProfile {
  profileId: string;
  people: { personId: string; traits: string[]; keys: IdentifierKey[] }[];
  /** Identifiers of nobody or of a household in it: what can tie two people (notes say which pattern). */
  bridges: { key: IdentifierKey; owner: string; notes: string[] }[];
}

export interface SplitGroup {
  personId: string;
  traits: string[];
  /** The group's identifiers, by the profile they ended up in (`-` for none). */
  parts: Record<string, IdentifierKey[]>;
  /** Observations that saw identifiers of two parts together, yet they were not joined. */
  unjoined: { sourceId: string; pattern: string; keys: IdentifierKey[] }[];
}

/** Ground truth as the scorer wants it. */
export function truthLabels(truth: GroundTruth): Map<IdentifierKey, IdentifierLabel> {
  const labels = new Map<IdentifierKey, IdentifierLabel>();
  for (const t of truth.identifiers.values()) {
    if (t.owner.kind === 'person')
      labels.set(t.key, {
        kind: 'person',
        personId: t.owner.personId,
        deterministicGroup: t.deterministicGroup as string,
      });
    else if (t.owner.kind === 'household') labels.set(t.key, { kind: 'shared' });
    else if (t.owner.kind === 'junk') labels.set(t.key, { kind: 'junk' });
  }
  return labels;
}

/** Profiles holding several people, with what bridges them. */
export function mixedProfiles(
  truth: GroundTruth,
  people: ReadonlyMap<string, SyntheticPerson>,
  profiles: readonly PredictedProfile[],
): MixedProfile[] {
  const out: MixedProfile[] = [];
  for (const profile of profiles) {
    const byPerson = new Map<string, IdentifierKey[]>();
    const bridges: MixedProfile['bridges'] = [];
    for (const key of profile.keys) {
      const t = truth.identifiers.get(key);
      if (!t) continue;
      if (t.owner.kind === 'person')
        byPerson.set(t.owner.personId, [...(byPerson.get(t.owner.personId) ?? []), key]);
      else bridges.push({ key, owner: t.owner.kind, notes: [...t.notes] });
    }
    if (byPerson.size < 2) continue;
    out.push({
      profileId: profile.profileId,
      people: [...byPerson].map(([personId, keys]) => ({
        personId,
        traits: [...(people.get(personId)?.traits ?? [])],
        keys,
      })),
      bridges,
    });
  }
  return out;
}

/** Deterministic groups that ended up in more than one profile, with the observations that should have joined them. */
export function splitGroups(
  truth: GroundTruth,
  people: ReadonlyMap<string, SyntheticPerson>,
  observations: ReadonlyMap<string, SyntheticObservation>,
  profiles: readonly PredictedProfile[],
): SplitGroup[] {
  const profileOf = new Map<IdentifierKey, string>();
  for (const profile of profiles) for (const key of profile.keys) profileOf.set(key, profile.profileId);
  const groups = new Map<string, IdentifierKey[]>();
  for (const t of truth.identifiers.values())
    if (t.deterministicGroup)
      groups.set(t.deterministicGroup, [...(groups.get(t.deterministicGroup) ?? []), t.key]);
  const out: SplitGroup[] = [];
  for (const keys of groups.values()) {
    const parts: Record<string, IdentifierKey[]> = {};
    for (const key of keys) (parts[profileOf.get(key) ?? '-'] ??= []).push(key);
    if (Object.keys(parts).length < 2) continue;
    const first = truth.identifiers.get(keys[0] as string);
    const personId = first?.owner.kind === 'person' ? first.owner.personId : '?';
    const sourceIds = new Set(keys.flatMap((key) => truth.identifiers.get(key)?.seenIn ?? []));
    const unjoined = [...sourceIds].flatMap((sourceId) => {
      const seen = keys.filter((key) => truth.identifiers.get(key)?.seenIn.includes(sourceId));
      const spread = new Set(seen.map((key) => profileOf.get(key) ?? '-'));
      const observation = observations.get(sourceId);
      return spread.size > 1 && observation ? [{ sourceId, pattern: observation.pattern, keys: seen }] : [];
    });
    out.push({ personId, traits: [...(people.get(personId)?.traits ?? [])], parts, unjoined });
  }
  return out;
}

/** How often each label occurs across the examples: which generated patterns fail most. */
export function tally(labels: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}
