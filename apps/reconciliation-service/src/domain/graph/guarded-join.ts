import { identifierTypes } from '@scontrino/identity';
import { typeCode, type IndexedGraph } from './indexed-graph.js';
import type { GraphConfig, HeldLink } from './types.js';
import { UnionFind } from './union-find.js';

const TYPES = identifierTypes.length;

/** A household tie: a link through a shared identifier between two people with proven e-mails. */
export interface HouseholdTie {
  a: number;
  b: number;
  shared: number;
}

/** What joined the previous profiles of a component last: a link position, or a must-link (-1). */
export type JoinReason = number;
export const MUST_LINK_REASON = -1;

export interface GuardedJoin {
  sets: UnionFind;
  held: HeldLink[];
  households: HouseholdTie[];
  /** Root → the union that brought previous profiles together (absent when none did). */
  mergeReason: Map<number, JoinReason>;
}

/**
 * Joins identifiers into people: staff must-links first, then links oldest first, each refused
 * when it would join identifiers staff said never to join, when it goes through a household-type
 * identifier between two people who each proved an e-mail (a household, not a merge), or when it
 * would put more identifiers of a type into one profile than the limit allows.
 * Links through household-type identifiers (cards) come after all others: people first form
 * around what only they hold (e-mail, phone, account), so a shared card cannot drag one family
 * member's phone into another's profile before their e-mails are known.
 * `previous` gives each identifier's previous profile as a small integer (-1: none), to record
 * which union merged existing profiles.
 */
export function guardedJoin(graph: IndexedGraph, config: GraphConfig, previous: Int32Array): GuardedJoin {
  const { type, quarantined, linkA, linkB } = graph;
  const count = type.length;
  const sets = new UnionFind(count);
  const typeCounts = new Int32Array(count * TYPES);
  const provenEmails = new Int32Array(count);
  for (let i = 0; i < count; i += 1) {
    typeCounts[i * TYPES + (type[i] as number)] = 1;
    provenEmails[i] = graph.verifiedEmail[i] as number;
  }
  const limits = new Int32Array(TYPES).fill(2 ** 31 - 1);
  for (const [name, limit] of Object.entries(config.limits)) {
    if (limit !== undefined) limits[typeCode[name as keyof typeof typeCode]] = limit;
  }
  const householdType = new Uint8Array(TYPES);
  for (const name of config.householdTypes) householdType[typeCode[name]] = 1;

  const partners = new Map<number, number[]>();
  const constrained = new Map<number, number[]>();
  for (const [a, b] of graph.neverLink) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      partners.set(x, [...(partners.get(x) ?? []), y]);
      constrained.set(x, [x]);
    }
  }
  const prevSets = new Map<number, number[]>();
  for (let i = 0; i < count; i += 1)
    if ((previous[i] as number) >= 0) prevSets.set(i, [previous[i] as number]);
  const mergeReason = new Map<number, JoinReason>();

  const forbidden = (rootA: number, rootB: number): boolean => {
    for (const member of constrained.get(rootA) ?? []) {
      for (const partner of partners.get(member) ?? []) if (sets.find(partner) === rootB) return true;
    }
    return false;
  };
  const overLimit = (rootA: number, rootB: number): boolean => {
    for (let t = 0; t < TYPES; t += 1) {
      if (
        (typeCounts[rootA * TYPES + t] as number) + (typeCounts[rootB * TYPES + t] as number) >
        (limits[t] as number)
      )
        return true;
    }
    return false;
  };
  const join = (rootA: number, rootB: number, reason: JoinReason): void => {
    const root = sets.unionRoots(rootA, rootB);
    const other = root === rootA ? rootB : rootA;
    for (let t = 0; t < TYPES; t += 1) {
      typeCounts[root * TYPES + t] =
        (typeCounts[root * TYPES + t] as number) + (typeCounts[other * TYPES + t] as number);
    }
    provenEmails[root] = (provenEmails[root] as number) + (provenEmails[other] as number);
    const constrainedOther = constrained.get(other);
    if (constrainedOther) constrained.set(root, [...(constrained.get(root) ?? []), ...constrainedOther]);
    const setA = prevSets.get(root);
    const setB = prevSets.get(other);
    if (!setB) return;
    if (!setA) {
      prevSets.set(root, setB);
      if (mergeReason.has(other)) mergeReason.set(root, mergeReason.get(other) as JoinReason);
      return;
    }
    const union = [...new Set([...setA, ...setB])];
    if (union.length > Math.max(setA.length, setB.length)) {
      mergeReason.set(root, reason);
    } else if (!mergeReason.has(root) && mergeReason.has(other)) {
      mergeReason.set(root, mergeReason.get(other) as JoinReason);
    }
    prevSets.set(root, union);
  };

  for (const [a, b] of graph.mustLink) {
    if (quarantined[a] || quarantined[b]) continue;
    const rootA = sets.find(a);
    const rootB = sets.find(b);
    if (rootA !== rootB) join(rootA, rootB, MUST_LINK_REASON);
  }

  const held: HeldLink[] = [];
  const households: HouseholdTie[] = [];
  const sharedLast = [false, true].flatMap((shared) =>
    Array.from(graph.order).filter(
      (position) =>
        (householdType[type[linkA[position] as number] as number] === 1 ||
          householdType[type[linkB[position] as number] as number] === 1) === shared,
    ),
  );
  for (const position of sharedLast) {
    const a = linkA[position] as number;
    const b = linkB[position] as number;
    if (quarantined[a] || quarantined[b]) continue;
    const rootA = sets.find(a);
    const rootB = sets.find(b);
    if (rootA === rootB) continue;
    const linkId = graph.links[position]?.id as string;
    if (forbidden(rootA, rootB) || forbidden(rootB, rootA)) {
      held.push({ linkId, reason: 'never-link' });
    } else if (
      (householdType[type[a] as number] || householdType[type[b] as number]) &&
      (provenEmails[rootA] as number) > 0 &&
      (provenEmails[rootB] as number) > 0
    ) {
      held.push({ linkId, reason: 'household' });
      households.push({ a, b, shared: householdType[type[a] as number] ? a : b });
    } else if (overLimit(rootA, rootB)) {
      held.push({ linkId, reason: 'limit' });
    } else {
      join(rootA, rootB, position);
    }
  }
  return { sets, held, households, mergeReason };
}
