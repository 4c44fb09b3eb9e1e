import fc from 'fast-check';
import { identifierTypes } from '@scontrino/identity';
import { describe, expect, it } from 'vitest';
import { input, linkOf } from './graph.fixtures.js';
import { rebuildProfiles } from './rebuild.js';
import type { GraphIdentifier, GraphLink } from './types.js';
import { UnionFind } from './union-find.js';

const graphs = fc
  .record({
    identifiers: fc.array(
      fc.record({ type: fc.constantFrom(...identifierTypes), verified: fc.boolean(), seen: fc.nat(50) }),
      { minLength: 1, maxLength: 30 },
    ),
    pairs: fc.array(fc.record({ a: fc.nat(29), b: fc.nat(29), at: fc.nat(100) }), { maxLength: 60 }),
  })
  .map(({ identifiers, pairs }) => {
    const nodes: GraphIdentifier[] = identifiers.map((node, i) => ({
      id: `t1:${node.type}:${String(i).padStart(2, '0')}`,
      type: node.type,
      hash: `h${i}`,
      firstSeenAt: node.seen,
      verified: node.verified,
    }));
    const links = new Map<string, GraphLink>();
    for (const { a, b, at } of pairs) {
      const x = nodes[a % nodes.length]!;
      const y = nodes[b % nodes.length]!;
      if (x.id === y.id) continue;
      const link = linkOf(x.id, y.id, at, `obs:${at}`);
      if (!links.has(link.id)) links.set(link.id, link);
    }
    return { nodes, links: [...links.values()].sort((p, q) => (p.id < q.id ? -1 : 1)) };
  });

const partition = (profiles: { identifierIds: string[] }[]) =>
  profiles.map((p) => [...p.identifierIds].sort().join(',')).sort();

describe('rebuildProfiles properties', () => {
  it('when rebuilt one raw component at a time, then the profiles are those of the whole graph', () => {
    fc.assert(
      fc.property(graphs, ({ nodes, links }) => {
        const whole = rebuildProfiles(input(nodes, links, { config: { junkK: 3 } }));
        const index = new Map(nodes.map((n, i) => [n.id, i]));
        const raw = new UnionFind(nodes.length);
        for (const link of links) raw.union(index.get(link.a)!, index.get(link.b)!);
        const parts = new Map<number, GraphIdentifier[]>();
        nodes.forEach((node, i) => parts.set(raw.find(i), [...(parts.get(raw.find(i)) ?? []), node]));
        const pieces = [...parts.values()].flatMap((members) => {
          const ids = new Set(members.map((m) => m.id));
          const own = links.filter((l) => ids.has(l.a));
          return rebuildProfiles(input(members, own, { config: { junkK: 3 } })).profiles;
        });
        expect(partition(pieces)).toEqual(partition(whole.profiles));
      }),
      { numRuns: 200 },
    );
  });

  it('when a result is rebuilt again from its own ids, then nothing merges, splits or is renamed', () => {
    fc.assert(
      fc.property(graphs, ({ nodes, links }) => {
        const first = rebuildProfiles(input(nodes, links));
        const profileOf = new Map(
          first.profiles.flatMap((p) => p.identifierIds.map((id) => [id, p.profileId])),
        );
        const again = rebuildProfiles(
          input(
            nodes.map((n) => ({ ...n, profileId: profileOf.get(n.id) })),
            links,
            {
              existingProfiles: first.profiles.map((p) => ({
                profileId: p.profileId,
                createdAt: p.createdAt,
              })),
            },
          ),
        );
        expect(again.merges).toEqual([]);
        expect(again.splits).toEqual([]);
        expect(again.profiles.map((p) => p.profileId)).toEqual(first.profiles.map((p) => p.profileId));
      }),
      { numRuns: 200 },
    );
  });
});
