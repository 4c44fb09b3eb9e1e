import { linkIdOf } from '../ids.js';
import { MAX_NAMES_PER_IDENTIFIER } from './config.js';
import { rebuildProfiles } from './rebuild.js';
import type {
  GraphConfig,
  GraphIdentifier,
  GraphLink,
  GraphOverrides,
  IdentifierId,
  IdentifierType,
  LinkRule,
  ObservationId,
  ProfilesResult,
  QuarantineReason,
} from './types.js';

/** An observation as the graph reads it: when, by which rule, and the identifiers it names. */
export interface ObservationSighting {
  observationId: ObservationId;
  /** Epoch milliseconds (UTC). */
  at: number;
  rule: LinkRule;
  identifiers: readonly {
    id: IdentifierId;
    type: IdentifierType;
    hash: string;
    verified: boolean;
    /** A phone's national digits, hashed (see {@link GraphIdentifier.numberKey}). */
    numberKey?: string | undefined;
  }[];
  /** The keyed hash of the name the source gave (a web order, an identify), when it gave one. */
  nameKey?: string | undefined;
}

/**
 * What staff (and the match model's automatic merges) decided, and what was taken out of the
 * graph: none of it follows from the observations alone.
 */
export interface CurationDecisions {
  /** `lnk:<a>~<b>` of every link staff cut. */
  cutLinkIds: ReadonlySet<string>;
  /** Never-links and must-links in force (an automatic merge is a must-link). */
  overrides: GraphOverrides;
  /** Identifiers that link nothing (blocklisted at ingest, quarantined by staff, found junk). */
  quarantined: ReadonlyMap<IdentifierId, QuarantineReason>;
  /** Identifiers of erased people: they stay out even where an observation still names them. */
  erased?: ReadonlySet<IdentifierId> | undefined;
}

/**
 * The identity graph rebuilt from scratch: every identifier the observations name (first seen at
 * its oldest observation, verified if any observation proved it), a link for every pair of
 * identifiers one observation saw together (dated by the oldest such observation; not through a
 * quarantined identifier; not a cut one), the overrides, then {@link rebuildProfiles} with no
 * previous profile. What linking built one observation at a time, in whatever order they came,
 * must group the identifiers the same way (ties between links of one moment aside, which only
 * matter when a per-type limit holds one of them back).
 */
export function rebuildFromObservations(
  observations: readonly ObservationSighting[],
  curation: CurationDecisions,
  config: GraphConfig,
  now: number,
): ProfilesResult {
  const erased = curation.erased ?? new Set<string>();
  const identifiers = new Map<IdentifierId, GraphIdentifier>();
  const links = new Map<string, GraphLink>();
  for (const observation of observations) {
    const named = observation.identifiers.filter((one) => !erased.has(one.id));
    for (const one of named) {
      const known = identifiers.get(one.id);
      const names = withName(known?.names, one.type, observation.nameKey, config);
      identifiers.set(one.id, {
        id: one.id,
        type: one.type,
        hash: one.hash,
        firstSeenAt: Math.min(known?.firstSeenAt ?? observation.at, observation.at),
        verified: (known?.verified ?? false) || one.verified,
        quarantined: curation.quarantined.get(one.id),
        ...(names && { names }),
        ...((one.numberKey ?? known?.numberKey) && { numberKey: one.numberKey ?? known?.numberKey }),
      });
    }
    const active = named.filter((one) => !curation.quarantined.has(one.id));
    active.forEach((x, i) => {
      for (const y of active.slice(i + 1)) {
        if (x.id === y.id) continue;
        const id = linkIdOf(x.id, y.id);
        if (curation.cutLinkIds.has(id)) continue;
        const known = links.get(id);
        const earlier =
          !known ||
          observation.at < known.at ||
          (observation.at === known.at && observation.observationId < known.observationId);
        if (!earlier) continue;
        const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
        links.set(id, {
          id,
          a,
          b,
          observationId: observation.observationId,
          at: observation.at,
          rule: observation.rule,
        });
      }
    });
  }
  const byId = <T extends { id: string }>(x: T, y: T) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const present = (pair: { a: string; b: string }) => identifiers.has(pair.a) && identifiers.has(pair.b);
  let next = 0;
  return rebuildProfiles({
    identifiers: [...identifiers.values()].sort(byId),
    links: [...links.values()].sort(byId),
    overrides: {
      neverLink: curation.overrides.neverLink.filter(present),
      mustLink: curation.overrides.mustLink.filter(present),
    },
    config,
    now,
    newProfileId: () => `prf_rebuilt${(next += 1).toString(36)}`,
  });
}

/** An identifier's names with one more: person-level types only, each name once. */
function withName(
  names: readonly string[] | undefined,
  type: IdentifierType,
  nameKey: string | undefined,
  config: GraphConfig,
): readonly string[] | undefined {
  if (!nameKey || config.householdTypes.includes(type) || names?.includes(nameKey)) return names;
  if ((names?.length ?? 0) >= MAX_NAMES_PER_IDENTIFIER) return names;
  return [...(names ?? []), nameKey];
}

/** A profile as compared: its identifiers and its household (null: none). */
export interface ComparedProfile {
  profileId: string;
  identifierIds: readonly IdentifierId[];
  householdId: string | null;
}

/** Where two sets of profiles group identifiers differently, each said in one line. */
export function profileDifferences(
  stored: readonly ComparedProfile[],
  rebuilt: readonly ComparedProfile[],
): string[] {
  const keyOf = (profile: ComparedProfile) => [...profile.identifierIds].sort().join(' ');
  const households = (profiles: readonly ComparedProfile[]) => {
    const byHousehold = new Map<string, string[]>();
    for (const profile of profiles)
      if (profile.householdId)
        byHousehold.set(profile.householdId, [
          ...(byHousehold.get(profile.householdId) ?? []),
          keyOf(profile),
        ]);
    return new Set([...byHousehold.values()].map((keys) => keys.sort().join(' | ')));
  };
  const storedKeys = new Map(stored.map((profile) => [keyOf(profile), profile.profileId]));
  const rebuiltKeys = new Set(rebuilt.map(keyOf));
  const differences: string[] = [];
  for (const [key, profileId] of storedKeys)
    if (!rebuiltKeys.has(key))
      differences.push(`${profileId} holds [${key}]; the rebuild groups them otherwise`);
  for (const key of rebuiltKeys)
    if (!storedKeys.has(key))
      differences.push(`the rebuild has a profile of [${key}] that no stored profile matches`);
  const storedHouseholds = households(stored);
  const rebuiltHouseholds = households(rebuilt);
  for (const household of storedHouseholds)
    if (!rebuiltHouseholds.has(household)) differences.push(`stored household {${household}} is not rebuilt`);
  for (const household of rebuiltHouseholds)
    if (!storedHouseholds.has(household)) differences.push(`rebuilt household {${household}} is not stored`);
  return differences;
}

/** The guards when a retailer has not set its own (what a rebuild outside the service starts from). */
export { defaultGraphConfig } from './config.js';
