import { identifierTypes, type IdentifierType } from '@scontrino/identity';
import { typeCode, type IndexedGraph } from './indexed-graph.js';
import type { GraphConfig, HeldLink, HouseholdEvidence } from './types.js';
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
  /** What told the people at the shared identifier apart. */
  toldApartBy: readonly PersonsConflict[];
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
 * profile than the limit allows. A loyalty enrolment's link is not held by the limit: it is the
 * program's record of the cards its member holds (a replaced card, the family card they enrolled),
 * not a sighting that a cashier may have got wrong; the household rule still applies to it.
 * Links through household-type identifiers (cards, payment fingerprints) come after all others:
 * people first form around what only they hold (e-mail, phone, account), then each payment
 * fingerprint, then each loyalty card decides on all the groups it was seen with at once. When two
 * of them conflict, it is a household identifier: it stays with the group of its oldest link and
 * joins none of the others (they form a household with it); otherwise it joins them all. Deciding
 * per identifier rather than link by link makes the result independent of the order in which the
 * members showed it (a member's phone seen on the family card before anything tied the phone to
 * that member no longer lands in the other member's profile), and a fingerprint resolved before
 * the card brings its owner's phone and e-mail together first. A card ~ fingerprint link belongs
 * to the card.
 * `previous` gives each identifier's previous profile as a small integer (-1: none), to record
 * which union merged existing profiles.
 */
export function guardedJoin(graph: IndexedGraph, config: GraphConfig, previous: Int32Array): GuardedJoin {
  const { type, quarantined, linkA, linkB } = graph;
  const count = type.length;
  const sets = new UnionFind(count);
  const typeCounts = new Int32Array(count * TYPES);
  const provenEmails = new Int32Array(count);
  /** Root → the names its people were given (absent: none). */
  const names = new Map<number, Set<string>>();
  /** Root → its phones' national digits, hashed (absent: none known). */
  const numbers = new Map<number, Set<string>>();
  const byName = config.householdNameConflict ?? true;
  for (let i = 0; i < count; i += 1) {
    typeCounts[i * TYPES + (type[i] as number)] = 1;
    provenEmails[i] = graph.verifiedEmail[i] as number;
    const given = graph.identifiers[i]?.names;
    if (byName && given && given.length > 0) names.set(i, new Set(given));
    const numberKey = graph.identifiers[i]?.numberKey;
    if (numberKey) numbers.set(i, new Set([numberKey]));
  }
  const limits = new Int32Array(TYPES).fill(2 ** 31 - 1);
  for (const [name, limit] of Object.entries(config.limits)) {
    if (limit !== undefined) limits[typeCode[name as keyof typeof typeCode]] = limit;
  }
  // Household-type identifiers are resolved after person-level ones, payment fingerprints (one
  // person's far more often) before loyalty cards: rank 1, 2…; person-level types -1.
  const rank = new Int8Array(TYPES).fill(-1);
  for (const name of config.householdTypes) rank[typeCode[name]] = name === 'card' ? 2 : 1;
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
    for (const byRoot of [names, numbers]) {
      const fromOther = byRoot.get(other);
      if (!fromOther) continue;
      const onRoot = byRoot.get(root);
      if (onRoot) for (const key of fromOther) onRoot.add(key);
      else byRoot.set(root, fromOther);
      byRoot.delete(other);
    }
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
  const conflictReason = (rootA: number, rootB: number): PersonsConflict | null =>
    personsConflictReason(
      {
        provenEmails: provenEmails[rootA] as number,
        counts: (t) => typeCounts[rootA * TYPES + t] as number,
        names: names.get(rootA),
        phoneNumbers: numbers.get(rootA),
      },
      {
        provenEmails: provenEmails[rootB] as number,
        counts: (t) => typeCounts[rootB * TYPES + t] as number,
        names: names.get(rootB),
        phoneNumbers: numbers.get(rootB),
      },
      conflictTypes,
    );
  const conflict = (rootA: number, rootB: number): boolean => conflictReason(rootA, rootB) !== null;
  /** `household`: the shared identifier was found a household's, and why (null: decide link by link). */
  const attempt = (
    position: number,
    household: { shared: number; toldApartBy: readonly PersonsConflict[] } | null,
  ): void => {
    const a = linkA[position] as number;
    const b = linkB[position] as number;
    if (quarantined[a] || quarantined[b]) return;
    const rootA = sets.find(a);
    const rootB = sets.find(b);
    if (rootA === rootB) return;
    const linkId = graph.links[position]?.id as string;
    if (forbidden(rootA, rootB) || forbidden(rootB, rootA)) {
      held.push({ linkId, reason: 'never-link' });
    } else if (household !== null) {
      held.push({ linkId, reason: 'household' });
      households.push({ a, b, ...household });
    } else if ((householdEnd(a) >= 0 || householdEnd(b) >= 0) && conflict(rootA, rootB)) {
      held.push({ linkId, reason: 'household' });
      households.push({
        a,
        b,
        shared: householdEnd(a) >= householdEnd(b) ? a : b,
        toldApartBy: [conflictReason(rootA, rootB) as PersonsConflict],
      });
    } else if (graph.links[position]?.rule !== 'loyalty-enrolment' && overLimit(rootA, rootB)) {
      held.push({ linkId, reason: 'limit' });
    } else {
      join(rootA, rootB, position);
    }
  };
  /** The household rank of an identifier's type (-1: a person-level type). */
  const householdEnd = (i: number): number => rank[type[i] as number] as number;

  // 1. People form around what only they hold (e-mail, phone, account, device).
  const byIdentifier = new Map<number, number[]>();
  const last: number[] = [];
  for (const position of graph.order) {
    const a = linkA[position] as number;
    const b = linkB[position] as number;
    const rankA = householdEnd(a);
    const rankB = householdEnd(b);
    if (rankA < 0 && rankB < 0) {
      attempt(position, null);
      continue;
    }
    // A link belongs to its end of the higher rank (resolved later, once the other end is);
    // between two ends of one rank (card ~ card), it comes last.
    if (rankA === rankB) {
      last.push(position);
      continue;
    }
    const owner = rankA > rankB ? a : b;
    const links = byIdentifier.get(owner);
    if (links) links.push(position);
    else byIdentifier.set(owner, [position]);
  }
  // 2. Then each shareable identifier (payment fingerprints, then cards), in the order it was first
  // linked: it is a household identifier when two of the groups it was seen with are different
  // people; it then stays with the group of its oldest link and ties the others as a household.
  // Deciding on all its groups at once, rather than link by link, makes the answer independent of
  // which member showed it first with what.
  // (The map holds them in the order of their first link, their links oldest first; the sort is stable.)
  const shareable = [...byIdentifier.keys()].sort((x, y) => householdEnd(x) - householdEnd(y));
  for (const shared of shareable) {
    const links = byIdentifier.get(shared) as number[];
    const groups: number[] = [];
    for (const position of links) {
      const a = linkA[position] as number;
      const other = a === shared ? (linkB[position] as number) : a;
      if (quarantined[other] || quarantined[shared]) continue;
      const root = sets.find(other);
      if (!groups.includes(root)) groups.push(root);
    }
    const toldApartBy = new Set<PersonsConflict>();
    groups.forEach((x, i) => {
      for (const y of groups.slice(i + 1)) {
        const reason = conflictReason(x, y);
        if (reason) toldApartBy.add(reason);
      }
    });
    if (toldApartBy.size === 0) {
      for (const position of links) attempt(position, null);
      continue;
    }
    let joined = false;
    for (const position of links) {
      if (joined) {
        attempt(position, { shared, toldApartBy: [...toldApartBy].sort() });
        continue;
      }
      attempt(position, null);
      joined = sets.find(linkA[position] as number) === sets.find(linkB[position] as number);
    }
  }
  // 3. Links between two shareable identifiers of one rank (two cards seen together).
  for (const position of last) attempt(position, null);
  return { sets, held, households, mergeReason };
}

/** What one side of a link through a shared identifier holds, as far as telling people apart goes. */
export interface PersonSide {
  /** E-mails the person proved (claimed a receipt, logged in). */
  provenEmails: number;
  /** How many identifiers of a type (by code) the side holds. */
  counts: (typeCode: number) => number;
  /** Keyed hashes of the names the side was given (a web order, an identify); absent or empty: none. */
  names?: ReadonlySet<string> | undefined;
  /** Its phones' national digits, hashed, where known ({@link GraphIdentifier.numberKey}). */
  phoneNumbers?: ReadonlySet<string> | undefined;
}

/**
 * What tells two sides of a shared card apart: each proved an e-mail; each holds a different
 * identifier of a person-level type (`phone`, `webAccount`…); or each was given a different name.
 */
export type PersonsConflict = HouseholdEvidence;

/**
 * Whether two groups of identifiers joined only through a shared card or payment fingerprint are
 * different people: both proved an e-mail, or both hold an identifier of the same person-level type
 * (`conflictTypes`: e-mail, phone, web account), or both were given a name and no name of one is a
 * name of the other. They are in different groups, so those are different values: a phone each,
 * an account each. Phones are not different people when a phone of one side has the national
 * digits of a phone of the other (one number read under two country prefixes). A group without
 * such identifiers or a name (a card with only a fingerprint) conflicts with nobody and simply
 * joins.
 */
export function personsConflict(a: PersonSide, b: PersonSide, conflictTypes: readonly number[]): boolean {
  return personsConflictReason(a, b, conflictTypes) !== null;
}

/** {@link personsConflict} with what told the two apart, for the explanation. */
export function personsConflictReason(
  a: PersonSide,
  b: PersonSide,
  conflictTypes: readonly number[],
): PersonsConflict | null {
  if (a.provenEmails > 0 && b.provenEmails > 0) return 'proven-emails';
  // A phone on each side tells nothing when one is the other's number under another prefix.
  const samePhone = shareAny(a.phoneNumbers, b.phoneNumbers);
  const both = conflictTypes.find(
    (t) => a.counts(t) > 0 && b.counts(t) > 0 && !(t === typeCode.phone && samePhone),
  );
  if (both !== undefined) return identifierTypes[both] as IdentifierType;
  if (namesDiffer(a.names, b.names)) return 'names';
  return null;
}

function shareAny(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return false;
  for (const key of a) if (b.has(key)) return true;
  return false;
}

/**
 * Two sides were each given a name and share none: a name key is the name's words, case, accents
 * and word order aside, so `Rossi Maria` is `maria rossi`, while `Marco Rossi` is someone else.
 */
export function namesDiffer(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b || a.size === 0 || b.size === 0) return false;
  for (const name of a) if (b.has(name)) return false;
  return true;
}
