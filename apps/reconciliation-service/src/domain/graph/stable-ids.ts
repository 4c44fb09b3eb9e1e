import { olderIdentifier, type Component } from './components.js';
import type { IndexedGraph } from './indexed-graph.js';
import type { ProfileId } from './types.js';

export interface PreviousProfiles {
  /** Identifier index → previous profile number (-1: none). */
  of: Int32Array;
  ids: ProfileId[];
  createdAt: number[];
}

export interface IdAssignment {
  /** Component position → profile id. */
  ids: ProfileId[];
  createdAt: number[];
  /** Previous profile number → the component holding its oldest evidence (-1: none left). */
  holder: Int32Array;
}

/**
 * Stable ids: each previous profile's id goes with the component that holds its oldest
 * identifier; a component holding several (a merge) keeps the oldest profile's id, and one
 * holding none (new, or the younger part of a split) gets a new id seeded by its oldest identifier.
 */
export function assignIds(
  graph: IndexedGraph,
  components: readonly Component[],
  componentOf: Int32Array,
  previous: PreviousProfiles,
  newProfileId: (seed: string) => ProfileId,
): IdAssignment {
  const oldestOf = new Int32Array(previous.ids.length).fill(-1);
  for (let i = 0; i < previous.of.length; i += 1) {
    const profile = previous.of[i] as number;
    if (profile < 0 || graph.quarantined[i]) continue;
    const current = oldestOf[profile] as number;
    if (current < 0 || olderIdentifier(graph, i, current)) oldestOf[profile] = i;
  }
  const holder = new Int32Array(previous.ids.length).fill(-1);
  const claimedBy = new Int32Array(components.length).fill(-1);
  for (let profile = 0; profile < previous.ids.length; profile += 1) {
    const oldest = oldestOf[profile] as number;
    if (oldest < 0) continue;
    const component = componentOf[oldest] as number;
    holder[profile] = component;
    const current = claimedBy[component] as number;
    if (current < 0 || olderProfile(previous, profile, current)) claimedBy[component] = profile;
  }
  const ids: ProfileId[] = [];
  const createdAt: number[] = [];
  components.forEach((component, position) => {
    const profile = claimedBy[position] as number;
    if (profile >= 0) {
      ids.push(previous.ids[profile] as ProfileId);
      createdAt.push(previous.createdAt[profile] as number);
    } else {
      const seed = graph.identifiers[component.oldest];
      ids.push(newProfileId(seed?.id ?? String(component.oldest)));
      createdAt.push(seed?.firstSeenAt ?? 0);
    }
  });
  return { ids, createdAt, holder };
}

function olderProfile(previous: PreviousProfiles, a: number, b: number): boolean {
  const x = previous.createdAt[a] as number;
  const y = previous.createdAt[b] as number;
  return x < y || (x === y && (previous.ids[a] as string) < (previous.ids[b] as string));
}
