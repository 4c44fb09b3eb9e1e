import { typeCode, type IndexedGraph } from './indexed-graph.js';
import type { GraphConfig } from './types.js';
import { UnionFind } from './union-find.js';

/**
 * Finds identifiers that would join more than K distinct people: a placeholder e-mail cashiers
 * type on every anonymous sale, a shop's tablet used by every customer. Only identifiers with more
 * than K neighbours can qualify. Without them, the rest of the graph falls into components; each
 * candidate, fewest neighbours first, counts the distinct components among its neighbours (only
 * components holding a person-like identifier count: a lone payment fingerprint is no person).
 * A candidate within the limit is joined back, so the next candidates see it as part of a person.
 *
 * Returns junk identifier index → number of people it would have joined.
 */
export function detectJunk(graph: IndexedGraph, config: Pick<GraphConfig, 'junkK' | 'junkCountedTypes'>) {
  const { linkA, linkB, order, quarantined, type } = graph;
  const count = type.length;
  const degree = new Int32Array(count);
  for (const position of order) {
    const a = linkA[position] as number;
    const b = linkB[position] as number;
    if (quarantined[a] || quarantined[b]) continue;
    degree[a] = (degree[a] as number) + 1;
    degree[b] = (degree[b] as number) + 1;
  }
  const junk = new Map<number, number>();
  const candidate = new Uint8Array(count);
  const candidates: number[] = [];
  for (let i = 0; i < count; i += 1) {
    if ((degree[i] as number) > config.junkK) {
      candidate[i] = 1;
      candidates.push(i);
    }
  }
  if (candidates.length === 0) return junk;

  const counted = new Uint8Array(8);
  for (const countedType of config.junkCountedTypes) counted[typeCode[countedType]] = 1;
  const sets = new UnionFind(count);
  const neighbours = new Map<number, number[]>(candidates.map((i) => [i, []]));
  for (const position of order) {
    const a = linkA[position] as number;
    const b = linkB[position] as number;
    if (quarantined[a] || quarantined[b]) continue;
    if (candidate[a] || candidate[b]) {
      if (candidate[a]) neighbours.get(a)?.push(b);
      if (candidate[b]) neighbours.get(b)?.push(a);
    } else {
      sets.union(a, b);
    }
  }
  const personLike = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    if (!candidate[i] && counted[type[i] as number]) personLike[sets.find(i)] = 1;
  }

  candidates.sort((x, y) => (degree[x] as number) - (degree[y] as number) || x - y);
  const settled = new Uint8Array(count);
  for (const v of candidates) {
    const roots = new Set<number>();
    const reachable: number[] = [];
    for (const w of neighbours.get(v) ?? []) {
      if (candidate[w] && !settled[w]) continue;
      if (junk.has(w)) continue;
      const root = sets.find(w);
      reachable.push(root);
      if (personLike[root]) roots.add(root);
    }
    settled[v] = 1;
    if (roots.size > config.junkK) {
      junk.set(v, roots.size);
      continue;
    }
    let root = sets.find(v);
    let isPerson = personLike[root] === 1 || counted[type[v] as number] === 1;
    for (const other of reachable) {
      isPerson ||= personLike[sets.find(other)] === 1;
      root = sets.union(root, other);
    }
    personLike[root] = isPerson ? 1 : 0;
  }
  return junk;
}
