import { identifierTypes, type IdentifierType } from '@scontrino/identity';
import type { GraphIdentifier, GraphLink, GraphOverrides, IdentifierId } from './types.js';

/** Small integer per identifier type, for typed arrays. */
export const typeCode: Readonly<Record<IdentifierType, number>> = Object.fromEntries(
  identifierTypes.map((type, code) => [type, code]),
) as Record<IdentifierType, number>;

/**
 * The rebuild's working form: identifiers as dense indices, links as index pairs in the order
 * they are applied (oldest first; at one time, links within a previous profile first; then in input
 * order), so every guard decision is reproducible.
 */
export interface IndexedGraph {
  identifiers: readonly GraphIdentifier[];
  index: ReadonlyMap<IdentifierId, number>;
  type: Uint8Array;
  firstSeenAt: Float64Array;
  /** 1 for an e-mail the customer proved. */
  verifiedEmail: Uint8Array;
  /** 1 when it links nothing (input quarantine, or junk found by this rebuild). */
  quarantined: Uint8Array;
  links: readonly GraphLink[];
  linkA: Int32Array;
  linkB: Int32Array;
  /** Link positions in application order; links naming an unknown identifier are left out. */
  order: Int32Array;
  mustLink: [number, number][];
  neverLink: [number, number][];
}

function pairsOf(pairs: GraphOverrides['mustLink'], index: ReadonlyMap<IdentifierId, number>) {
  const found: [number, number][] = [];
  for (const { a, b } of pairs) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia !== undefined && ib !== undefined && ia !== ib) found.push([ia, ib]);
  }
  return found;
}

export function indexGraph(
  identifiers: readonly GraphIdentifier[],
  links: readonly GraphLink[],
  overrides: GraphOverrides,
): IndexedGraph {
  const count = identifiers.length;
  const index = new Map<IdentifierId, number>();
  const type = new Uint8Array(count);
  const firstSeenAt = new Float64Array(count);
  const verifiedEmail = new Uint8Array(count);
  const quarantined = new Uint8Array(count);
  identifiers.forEach((identifier, i) => {
    index.set(identifier.id, i);
    type[i] = typeCode[identifier.type];
    firstSeenAt[i] = identifier.firstSeenAt;
    verifiedEmail[i] = identifier.verified && identifier.type === 'email' ? 1 : 0;
    quarantined[i] = identifier.quarantined ? 1 : 0;
  });
  const linkA = new Int32Array(links.length).fill(-1);
  const linkB = new Int32Array(links.length).fill(-1);
  const known: number[] = [];
  const at = new Float64Array(links.length);
  // 0 for a link inside one previous profile: at equal times, standing evidence goes first, so a
  // new sighting cannot push an old one out of a profile through a limit.
  const fresh = new Uint8Array(links.length);
  links.forEach((link, position) => {
    const a = index.get(link.a);
    const b = index.get(link.b);
    if (a === undefined || b === undefined || a === b) return;
    linkA[position] = a;
    linkB[position] = b;
    at[position] = link.at;
    const profileA = identifiers[a]?.profileId;
    fresh[position] = profileA !== undefined && profileA === identifiers[b]?.profileId ? 0 : 1;
    known.push(position);
  });
  // Stable, and adaptive: links arrive mostly in time order, which this sort handles in one pass.
  known.sort((x, y) => (at[x] as number) - (at[y] as number) || (fresh[x] as number) - (fresh[y] as number));
  return {
    identifiers,
    index,
    type,
    firstSeenAt,
    verifiedEmail,
    quarantined,
    links,
    linkA,
    linkB,
    order: Int32Array.from(known),
    mustLink: pairsOf(overrides.mustLink, index),
    neverLink: pairsOf(overrides.neverLink, index),
  };
}
