import { identifierTypes } from '@scontrino/identity';
import { typeCode, type IndexedGraph } from './indexed-graph.js';
import type { GraphConfig, HeldLink } from './types.js';
import { UnionFind } from './union-find.js';

const TYPES = identifierTypes.length;

/**
 * A household tie: a link through a shared identifier (card, payment fingerprint) between two
 * people whose person-level identifiers conflict (each proved an e-mail, or each holds a different
 * phone, e-mail or web account).
 */
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
 * identifier between two people whose person-level identifiers conflict (a household, not a
 * merge: see {@link personsConflict}), or when it would put more identifiers of a type into one
 * profile than the limit allows.
 * Links through household-type identifiers (cards, payment fingerprints) come after all others,
 * and links between two household-type identifiers (card ~ fingerprint) last: people first form
 * around what only they hold (e-mail, phone, account), so a shared card cannot drag one family
 * member's phone or fingerprint into another's profile before their own identifiers are known.
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
  const conflictTypes = (config.householdConflictTypes ?? []).map((name) => typeCode[name]);

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
  const sharedEnds = (position: number): number =>
    (householdType[type[linkA[position] as number] as number] as number) +
    (householdType[type[linkB[position] as number] as number] as number);
  const sharedLast = [0, 1, 2].flatMap((ends) =>
    Array.from(graph.order).filter((position) => sharedEnds(position) === ends),
  );
  const conflict = (rootA: number, rootB: number): boolean =>
    personsConflict(
      { provenEmails: provenEmails[rootA] as number, counts: (t) => typeCounts[rootA * TYPES + t] as number },
      { provenEmails: provenEmails[rootB] as number, counts: (t) => typeCounts[rootB * TYPES + t] as number },
      conflictTypes,
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
      conflict(rootA, rootB)
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

/** What one side of a link through a shared identifier holds, as far as telling people apart goes. */
export interface PersonSide {
  /** E-mails the person proved (claimed a receipt, logged in). */
  provenEmails: number;
  /** How many identifiers of a type (by code) the side holds. */
  counts: (typeCode: number) => number;
}

/**
 * Whether two groups of identifiers joined only through a shared card or payment fingerprint are
 * different people: both proved an e-mail, or both hold an identifier of the same person-level type
 * (`conflictTypes`: e-mail, phone, web account). They are in different groups, so those are
 * different values: a phone each, an account each. A group without such identifiers (a card with
 * only a fingerprint) conflicts with nobody and simply joins.
 */
export function personsConflict(a: PersonSide, b: PersonSide, conflictTypes: readonly number[]): boolean {
  if (a.provenEmails > 0 && b.provenEmails > 0) return true;
  return conflictTypes.some((t) => a.counts(t) > 0 && b.counts(t) > 0);
}
