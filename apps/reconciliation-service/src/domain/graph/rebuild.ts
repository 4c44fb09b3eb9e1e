import { randomBytes } from 'node:crypto';
import { componentsOf } from './components.js';
import { guardedJoin } from './guarded-join.js';
import { householdsOf } from './households.js';
import { indexGraph } from './indexed-graph.js';
import { detectJunk } from './junk.js';
import { mergesOf, splitsOf } from './profile-changes.js';
import { assignIds, type PreviousProfiles } from './stable-ids.js';
import type {
  ProfilesResult,
  QuarantinedIdentifier,
  QuarantineReason,
  RebuildInput,
  ResolvedProfile,
} from './types.js';

/** New ids of one rebuild: a random prefix and a counter (a million random draws cost seconds). */
export function randomProfileIds(): () => string {
  const prefix = randomBytes(9).toString('base64url');
  let next = 0;
  return () => `prf_${prefix}${(next += 1).toString(36)}`;
}

function previousProfiles(input: RebuildInput): PreviousProfiles {
  const numbers = new Map<string, number>();
  const ids: string[] = [];
  const createdAt: number[] = [];
  const known = new Map(input.existingProfiles?.map((p) => [p.profileId, p.createdAt]));
  const of = new Int32Array(input.identifiers.length).fill(-1);
  input.identifiers.forEach((identifier, i) => {
    const profileId = identifier.profileId;
    if (!profileId) return;
    let number = numbers.get(profileId);
    if (number === undefined) {
      number = ids.length;
      numbers.set(profileId, number);
      ids.push(profileId);
      createdAt.push(known.get(profileId) ?? identifier.firstSeenAt);
    } else if (!known.has(profileId)) {
      createdAt[number] = Math.min(createdAt[number] as number, identifier.firstSeenAt);
    }
    of[i] = number;
  });
  return { of, ids, createdAt };
}

/**
 * The profiles of a set of identifiers: connected components of their links under the guards
 * (quarantine, junk, staff overrides, households, per-type limits), with stable ids, households,
 * and the merges and splits against the identifiers' previous profiles. Pure and deterministic for
 * a given `newProfileId`; run on one tenant's whole graph or on one affected component (a
 * component's result does not depend on identifiers outside it).
 */
export function rebuildProfiles(input: RebuildInput): ProfilesResult {
  const graph = indexGraph(input.identifiers, input.links, input.overrides);
  const quarantined: QuarantinedIdentifier[] = [];
  input.identifiers.forEach((identifier) => {
    if (identifier.quarantined)
      quarantined.push({ identifierId: identifier.id, reason: identifier.quarantined });
  });
  for (const [index, profilesJoined] of detectJunk(graph, input.config)) {
    graph.quarantined[index] = 1;
    const reason: QuarantineReason = 'junk';
    quarantined.push({ identifierId: input.identifiers[index]?.id as string, reason, profilesJoined });
  }

  const previous = previousProfiles(input);
  const join = guardedJoin(graph, input.config, previous.of);
  const { components, of: componentOf } = componentsOf(graph, join.sets);
  const assignment = assignIds(
    graph,
    components,
    componentOf,
    previous,
    input.newProfileId ?? randomProfileIds(),
  );
  const { households, householdOf } = householdsOf(
    graph,
    join.households,
    componentOf,
    assignment.ids,
    assignment.createdAt,
  );

  const profiles: ResolvedProfile[] = components.map((component, position) => ({
    profileId: assignment.ids[position] as string,
    identifierIds: component.members.map((member) => input.identifiers[member]?.id as string),
    createdAt: assignment.createdAt[position] as number,
    householdId: householdOf.get(position) ?? null,
  }));
  profiles.sort((x, y) => (x.profileId < y.profileId ? -1 : x.profileId > y.profileId ? 1 : 0));
  const changeInput = { graph, components, componentOf, previous, assignment, mergeReason: join.mergeReason };
  const current = new Set(assignment.ids);
  return {
    profiles,
    households,
    quarantined: quarantined.sort((x, y) => (x.identifierId < y.identifierId ? -1 : 1)),
    heldLinks: join.held,
    merges: mergesOf(changeInput),
    splits: splitsOf(changeInput),
    retiredProfileIds: previous.ids.filter((id) => !current.has(id)).sort(),
  };
}
