import type { HouseholdTie } from './guarded-join.js';
import type { IndexedGraph } from './indexed-graph.js';
import type { Household, HouseholdEvidence, ProfileSplit, ResolvedProfile } from './types.js';
import { UnionFind } from './union-find.js';

/**
 * Groups profiles tied by a shared card into households. The household is named after its
 * oldest member (`hh_` + that profile's id without `prf_`), so it keeps its id as members join.
 */
export function householdsOf(
  graph: IndexedGraph,
  ties: readonly HouseholdTie[],
  componentOf: Int32Array,
  profileIds: readonly string[],
  createdAt: readonly number[],
): { households: Household[]; householdOf: Map<number, string> } {
  const groups = new UnionFind(profileIds.length);
  const shared = new Map<number, Set<string>>();
  const evidence = new Map<number, Set<HouseholdEvidence>>();
  for (const tie of ties) {
    const a = componentOf[tie.a] as number;
    const b = componentOf[tie.b] as number;
    if (a < 0 || b < 0 || a === b) continue;
    groups.union(a, b);
    const id = graph.identifiers[tie.shared]?.id as string;
    shared.set(a, (shared.get(a) ?? new Set()).add(id));
    const told = evidence.get(a) ?? new Set();
    for (const reason of tie.toldApartBy) told.add(reason);
    evidence.set(a, told);
  }
  const members = new Map<number, number[]>();
  for (const position of new Set(
    ties.flatMap((t) => [componentOf[t.a] as number, componentOf[t.b] as number]),
  )) {
    if (position < 0) continue;
    const root = groups.find(position);
    members.set(root, [...(members.get(root) ?? []), position]);
  }
  const households: Household[] = [];
  const householdOf = new Map<number, string>();
  for (const positions of members.values()) {
    if (positions.length < 2) continue;
    const oldest = positions.reduce((x, y) =>
      (createdAt[y] as number) < (createdAt[x] as number) ||
      (createdAt[y] === createdAt[x] && (profileIds[y] as string) < (profileIds[x] as string))
        ? y
        : x,
    );
    const householdId = `hh_${(profileIds[oldest] as string).replace(/^prf_/, '')}`;
    const sharedIds = new Set<string>();
    const toldApartBy = new Set<HouseholdEvidence>();
    for (const position of positions) {
      householdOf.set(position, householdId);
      for (const id of shared.get(position) ?? []) sharedIds.add(id);
      for (const reason of evidence.get(position) ?? []) toldApartBy.add(reason);
    }
    households.push({
      householdId,
      profileIds: positions.map((p) => profileIds[p] as string).sort(),
      sharedIdentifierIds: [...sharedIds].sort(),
      toldApartBy: [...toldApartBy].sort(),
    });
  }
  return { households: households.sort((x, y) => (x.householdId < y.householdId ? -1 : 1)), householdOf };
}

/**
 * Whether a split left its parts in one household: the profile had been joined through a card
 * (or payment fingerprint) that turned out to be shared by people who each hold their own phone,
 * e-mail or account. Linking reports such a split as `household` rather than `junk`.
 */
export function splitIntoHousehold(
  split: ProfileSplit,
  profiles: readonly Pick<ResolvedProfile, 'profileId' | 'householdId'>[],
): boolean {
  const householdOf = new Map(profiles.map((p) => [p.profileId, p.householdId]));
  const households = new Set(split.parts.map((part) => householdOf.get(part.profileId) ?? null));
  return split.parts.length > 1 && households.size === 1 && !households.has(null);
}
