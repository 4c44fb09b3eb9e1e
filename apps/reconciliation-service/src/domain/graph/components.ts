import type { IndexedGraph } from './indexed-graph.js';
import type { UnionFind } from './union-find.js';

/** One resulting profile before it has an id: identifier indices and its oldest identifier. */
export interface Component {
  root: number;
  members: number[];
  oldest: number;
}

/** `a` before `b` when it was seen first (then by id): the age of evidence. */
export function olderIdentifier(graph: IndexedGraph, a: number, b: number): boolean {
  const x = graph.firstSeenAt[a] as number;
  const y = graph.firstSeenAt[b] as number;
  if (x !== y) return x < y;
  return (graph.identifiers[a]?.id as string) < (graph.identifiers[b]?.id as string);
}

/** Groups the non-quarantined identifiers by their set, in input order. */
export function componentsOf(
  graph: IndexedGraph,
  sets: UnionFind,
): { components: Component[]; of: Int32Array } {
  const count = graph.type.length;
  const of = new Int32Array(count).fill(-1);
  const byRoot = new Int32Array(count).fill(-1);
  const components: Component[] = [];
  for (let i = 0; i < count; i += 1) {
    if (graph.quarantined[i]) continue;
    const root = sets.find(i);
    let position = byRoot[root] as number;
    if (position < 0) {
      position = components.length;
      byRoot[root] = position;
      components.push({ root, members: [], oldest: i });
    }
    const component = components[position] as Component;
    component.members.push(i);
    if (olderIdentifier(graph, i, component.oldest)) component.oldest = i;
    of[i] = position;
  }
  return { components, of };
}
