import type { LinkRule } from '../graph/types.js';

export interface EvidenceLink {
  a: string;
  b: string;
  observationId: string;
  at: Date;
  rule: LinkRule;
}

/** One step of an explanation: from one identifier to the next, and the observation that saw both. */
export interface EvidenceStep extends EvidenceLink {
  from: string;
  to: string;
}

/**
 * The shortest chain of links from one identifier to another ("why are these one customer?"),
 * preferring, among equally short chains, the one found through the oldest links. Null when no
 * chain joins them.
 */
export function evidencePath(
  from: string,
  to: string,
  links: readonly EvidenceLink[],
): EvidenceStep[] | null {
  if (from === to) return [];
  const adjacency = new Map<string, EvidenceLink[]>();
  const ordered = [...links].sort((x, y) => x.at.getTime() - y.at.getTime());
  for (const link of ordered) {
    adjacency.set(link.a, [...(adjacency.get(link.a) ?? []), link]);
    adjacency.set(link.b, [...(adjacency.get(link.b) ?? []), link]);
  }
  const cameFrom = new Map<string, { previous: string; link: EvidenceLink }>();
  const queue = [from];
  const visited = new Set([from]);
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current === to) break;
    for (const link of adjacency.get(current) ?? []) {
      const next = link.a === current ? link.b : link.a;
      if (visited.has(next)) continue;
      visited.add(next);
      cameFrom.set(next, { previous: current, link });
      queue.push(next);
    }
  }
  if (!cameFrom.has(to)) return null;
  const steps: EvidenceStep[] = [];
  for (let current = to; current !== from;) {
    const step = cameFrom.get(current);
    if (!step) return null;
    steps.unshift({ ...step.link, from: step.previous, to: current });
    current = step.previous;
  }
  return steps;
}
