import { normaliseIdentifier, type IdentifierType } from '@scontrino/identity';
import type {
  IdentifierNote,
  IdentifierOwner,
  ObservedIdentifier,
  SyntheticObservation,
} from './observations.js';
import { UnionFind } from '../../src/domain/graph/union-find.js';

/** `<type>:<normalised value>`: one identifier as the service sees it after normalisation. */
export type IdentifierKey = string;

export interface TruthIdentifier {
  key: IdentifierKey;
  type: IdentifierType;
  /** Normalised value. */
  value: string;
  /** `conflict`: two owners normalise to the same value (never intended; excluded from scoring). */
  owner: IdentifierOwner | { kind: 'conflict' };
  notes: Set<IdentifierNote>;
  /**
   * For a person's own identifier: its group of identifiers seen together in one observation,
   * transitively, without passing through shared or junk identifiers. Pairs inside a group are
   * what deterministic rules must find; pairs across groups of one person need a probabilistic matcher.
   */
  deterministicGroup: string | null;
  /** Observations naming it (source ids), for diagnosis. */
  seenIn: string[];
}

export interface GroundTruth {
  identifiers: Map<IdentifierKey, TruthIdentifier>;
  /** Raw values the normaliser refuses (a phone with too few digits…): the service drops them too. */
  unreadable: number;
}

export interface NormaliseContext {
  /** The web shop: account ids are namespaced by it. */
  shopId: string;
}

/** What the service stores for a raw value, or null when it cannot read it. */
export function identifierKey(identifier: ObservedIdentifier, context: NormaliseContext) {
  const result = normaliseIdentifier(identifier.type, identifier.raw, {
    defaultCountry: identifier.country,
    shopId: context.shopId,
  });
  if (!result.ok) return null;
  return { key: `${identifier.type}:${result.identifier.value}`, value: result.identifier.value };
}

const sameOwner = (a: TruthIdentifier['owner'], b: IdentifierOwner) =>
  a.kind === b.kind &&
  (a.kind !== 'person' || b.kind !== 'person' || a.personId === b.personId) &&
  (a.kind !== 'household' || b.kind !== 'household' || a.householdId === b.householdId);

/** The owner of every identifier the observations name, and each person's deterministic groups. */
export function buildGroundTruth(
  observations: readonly SyntheticObservation[],
  context: NormaliseContext,
): GroundTruth {
  const identifiers = new Map<IdentifierKey, TruthIdentifier>();
  /** Pairs of one person's identifiers seen together: their deterministic group. */
  const joins: [IdentifierKey, IdentifierKey][] = [];
  let unreadable = 0;
  for (const observation of observations) {
    const own: IdentifierKey[] = [];
    for (const observed of observation.identifiers) {
      const normalised = identifierKey(observed, context);
      if (!normalised) {
        unreadable += 1;
        continue;
      }
      const { key, value } = normalised;
      let truth = identifiers.get(key);
      if (!truth) {
        truth = {
          key,
          type: observed.type,
          value,
          owner: observed.owner,
          notes: new Set(),
          deterministicGroup: null,
          seenIn: [],
        };
        identifiers.set(key, truth);
      } else if (truth.owner.kind !== 'conflict' && !sameOwner(truth.owner, observed.owner)) {
        truth.owner = { kind: 'conflict' };
      }
      if (observed.note) truth.notes.add(observed.note);
      truth.seenIn.push(observation.sourceId);
      if (observed.owner.kind === 'person') own.push(key);
    }
    for (let i = 1; i < own.length; i += 1) joins.push([own[0] as string, own[i] as string]);
  }
  const keys = [...identifiers.keys()];
  const indexOf = new Map(keys.map((key, index) => [key, index]));
  const at = (key: IdentifierKey) => indexOf.get(key) as number;
  const groups = new UnionFind(keys.length);
  for (const [a, b] of joins) groups.union(at(a), at(b));
  for (const truth of identifiers.values())
    // Prefixed by the person: a (never intended) conflict cannot make one group span two people.
    if (truth.owner.kind === 'person')
      truth.deterministicGroup = `${truth.owner.personId}/${keys[groups.find(at(truth.key))]}`;
  return { identifiers, unreadable };
}
