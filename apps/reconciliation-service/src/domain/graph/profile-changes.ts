import type { Component } from './components.js';
import { MUST_LINK_REASON, type JoinReason } from './guarded-join.js';
import type { IndexedGraph } from './indexed-graph.js';
import type { IdAssignment, PreviousProfiles } from './stable-ids.js';
import type { ProfileMerge, ProfileSplit } from './types.js';

export interface ChangeInput {
  graph: IndexedGraph;
  components: readonly Component[];
  componentOf: Int32Array;
  previous: PreviousProfiles;
  assignment: IdAssignment;
  mergeReason: ReadonlyMap<number, JoinReason>;
}

const idsOf = (input: ChangeInput, component: Component) =>
  component.members.map((member) => input.graph.identifiers[member]?.id as string);

/**
 * Merges: a component that holds the oldest evidence of several previous profiles absorbed all
 * but the oldest. The reason is the union that first brought previous profiles together.
 */
export function mergesOf(input: ChangeInput): ProfileMerge[] {
  const { previous, assignment } = input;
  const absorbed = new Map<number, string[]>();
  previous.ids.forEach((profileId, profile) => {
    const holder = assignment.holder[profile] as number;
    if (holder < 0 || assignment.ids[holder] === profileId) return;
    absorbed.set(holder, [...(absorbed.get(holder) ?? []), profileId]);
  });
  const merges: ProfileMerge[] = [];
  for (const [position, absorbedIds] of absorbed) {
    const component = input.components[position] as Component;
    const reason = input.mergeReason.get(component.root) ?? MUST_LINK_REASON;
    const link = reason === MUST_LINK_REASON ? undefined : input.graph.links[reason];
    merges.push({
      survivorId: assignment.ids[position] as string,
      absorbedIds: absorbedIds.sort(),
      identifierIds: idsOf(input, component),
      rule: link?.rule ?? 'staff-must-link',
      observationId: link?.observationId ?? null,
    });
  }
  return merges.sort((x, y) => (x.survivorId < y.survivorId ? -1 : 1));
}

/**
 * Splits: a previous profile whose identifiers now lie in several components. The part holding
 * its oldest evidence comes first (it keeps the id, unless that part was itself absorbed).
 */
export function splitsOf(input: ChangeInput): ProfileSplit[] {
  const { previous, assignment, componentOf } = input;
  const partsOf = new Map<number, Set<number>>();
  for (let i = 0; i < previous.of.length; i += 1) {
    const profile = previous.of[i] as number;
    const position = componentOf[i] as number;
    if (profile < 0 || position < 0) continue;
    let parts = partsOf.get(profile);
    if (!parts) partsOf.set(profile, (parts = new Set()));
    parts.add(position);
  }
  const splits: ProfileSplit[] = [];
  for (const [profile, parts] of partsOf) {
    if (parts.size < 2) continue;
    const holder = assignment.holder[profile] as number;
    const ordered = [holder, ...[...parts].filter((p) => p !== holder)];
    splits.push({
      fromProfileId: previous.ids[profile] as string,
      parts: ordered.map((position) => ({
        profileId: assignment.ids[position] as string,
        identifierIds: idsOf(input, input.components[position] as Component),
      })),
    });
  }
  return splits.sort((x, y) => (x.fromProfileId < y.fromProfileId ? -1 : 1));
}
