import type { IdentifierType } from '@scontrino/identity';

/**
 * The identity graph as plain data: what `rebuildProfiles` reads and returns. The store keeps the
 * same shapes (plus encrypted values and bookkeeping); the domain never sees a clear value.
 * Times are epoch milliseconds (UTC) so a million identifiers sort and compare cheaply.
 */

/** `<tenantId>:<type>:<hash>`: the identifier's document `_id`, unique per tenant. */
export type IdentifierId = string;
/** `prf_…`: stable across merges (the oldest survives) and splits (the oldest evidence keeps it). */
export type ProfileId = string;
/** `hh_…`: a group of profiles sharing a card, above the profiles. */
export type HouseholdId = string;
/**
 * `txn:<id>`, `claim:<receiptId>`, `order:<tenantId>:<shopId>:<orderId>`, `identify:<source>:<sourceId>`,
 * `enrolment:<tenantId>:<memberId>[.card.<n>]`.
 */
export type ObservationId = string;

export type { IdentifierType };

/** Why a link exists: which kind of observation saw the two identifiers together. */
export const linkRules = [
  'till-sale',
  'receipt-claim',
  'online-order',
  'identify',
  /** The loyalty program's record of a card: the member who enrolled it, their e-mail, phone and name. */
  'loyalty-enrolment',
  'staff-must-link',
  /** A suggestion scored above the automatic threshold (a must-link recorded by the model). */
  'auto-merge',
] as const;
export type LinkRule = (typeof linkRules)[number];

/** Why an identifier links nothing. */
export type QuarantineReason = 'blocklist' | 'junk' | 'staff';

export interface GraphIdentifier {
  id: IdentifierId;
  type: IdentifierType;
  /** The shared look-up hash (HMAC of the normalised value). */
  hash: string;
  /** First observation that named it: the age of evidence (split keeps the id with the oldest). */
  firstSeenAt: number;
  /** An e-mail the customer proved (claimed a receipt, logged into the shop): households hinge on it. */
  verified: boolean;
  /** The profile it belonged to before this rebuild; absent for a new identifier. */
  profileId?: ProfileId | undefined;
  /** Set when already quarantined (blocklist at ingest, staff, or junk found earlier): it links nothing. */
  quarantined?: QuarantineReason | undefined;
  /**
   * Keyed hashes of the names (case, accents and word order aside) given on observations naming
   * this person-level identifier (a web order, an identify): two people sharing a card are told
   * apart by them. Never set on a household-type identifier (a family card would carry both names).
   */
  names?: readonly string[] | undefined;
  /**
   * A phone's keyed hash of its national digits (its last nine): the same number read under two
   * country prefixes (a tourist's phone typed without `+` and read as the store's country) shares
   * it, so the two do not tell the people at a shared card apart. Absent on other types, and on
   * phones stored before it was kept (they tell people apart as any two phones do).
   */
  numberKey?: string | undefined;
}

/**
 * One per pair of identifiers seen together; `a < b`. Cut links are not passed to the rebuild.
 * Links are applied oldest first; at one time, those inside a previous profile first, then in the
 * order given (pass them sorted by id).
 */
export interface GraphLink {
  /** `lnk:<a>~<b>`. */
  id: string;
  a: IdentifierId;
  b: IdentifierId;
  /** The first observation that saw them together. */
  observationId: ObservationId;
  at: number;
  rule: LinkRule;
}

export interface IdentifierPair {
  a: IdentifierId;
  b: IdentifierId;
}

/** Staff decisions that beat the rules. */
export interface GraphOverrides {
  /** These two identifiers never end up in one profile (a link that would join them is held). */
  neverLink: readonly IdentifierPair[];
  /** These two identifiers are one person, whatever the guards say (quarantine still wins). */
  mustLink: readonly IdentifierPair[];
}

/** A value nobody may be matched on: placeholder e-mails, a store's own phone. */
export interface BlocklistEntry {
  type: IdentifierType;
  /** Exact normalised value (`test@test.com`, `+390612345678`) … */
  value?: string | undefined;
  /** … or a prefix of it (`noemail@`, `nomail@`). */
  prefix?: string | undefined;
}

export interface GraphConfig {
  /** Most identifiers of a type one profile may hold (e.g. 3 e-mails, 2 cards in household mode). */
  limits: Partial<Record<IdentifierType, number>>;
  /** Checked on the normalised value at ingest (the rebuild sees only hashes). */
  blocklist: readonly BlocklistEntry[];
  /** An identifier whose removal leaves more than K distinct profiles among its neighbours is junk. */
  junkK: number;
  /** Types whose components count as "a profile" for junk detection (a lone payment fingerprint does not). */
  junkCountedTypes: readonly IdentifierType[];
  /**
   * Types (card, payment fingerprint) that, shared between people whose person-level identifiers
   * conflict, form a household instead of a merge.
   */
  householdTypes: readonly IdentifierType[];
  /**
   * Person-level types: two people each holding a different one (a phone each, an e-mail each, a
   * web account each) are two people, whatever card they share. Absent: only proven e-mails count.
   */
  householdConflictTypes?: readonly IdentifierType[] | undefined;
  /**
   * Two people sharing a card are also told apart by their names: each side was given a name (on a
   * web order, an identify) and no name of one side is a name of the other. Absent: true.
   */
  householdNameConflict?: boolean | undefined;
}

/** A profile that exists before the rebuild: its age decides who survives a merge. */
export interface ExistingProfile {
  profileId: ProfileId;
  createdAt: number;
}

export interface RebuildInput {
  identifiers: readonly GraphIdentifier[];
  links: readonly GraphLink[];
  overrides: GraphOverrides;
  config: GraphConfig;
  /** Profiles referenced by `identifiers[].profileId`; a missing one counts as created at its oldest evidence. */
  existingProfiles?: readonly ExistingProfile[] | undefined;
  /** Time of this rebuild: `createdAt` of new profiles. */
  now: number;
  /**
   * Id of a new profile, given the id of its oldest identifier (default: random `prf_…`). The store
   * derives it from the operation and the seed, so replaying an operation yields the same ids.
   */
  newProfileId?: ((seed: IdentifierId) => ProfileId) | undefined;
}

export interface ResolvedProfile {
  profileId: ProfileId;
  identifierIds: IdentifierId[];
  createdAt: number;
  householdId: HouseholdId | null;
}

export interface Household {
  householdId: HouseholdId;
  profileIds: ProfileId[];
  /** The shared identifiers (usually one card) that tie the members. */
  sharedIdentifierIds: IdentifierId[];
  /**
   * What told the members apart at the shared identifier, sorted: `proven-emails` (each proved an
   * e-mail), `names` (each was given a different name), or a person-level type each holds a
   * different one of (`phone`, `webAccount`, `email`).
   */
  toldApartBy: HouseholdEvidence[];
}

/** See {@link Household.toldApartBy}. */
export type HouseholdEvidence = 'proven-emails' | 'names' | IdentifierType;

export interface QuarantinedIdentifier {
  identifierId: IdentifierId;
  reason: QuarantineReason;
  /** For junk: how many distinct profiles it would have joined. */
  profilesJoined?: number | undefined;
}

/** A link the guards refused, with the guard (links of quarantined identifiers are not listed). */
export interface HeldLink {
  linkId: string;
  reason: 'limit' | 'never-link' | 'household';
}

/** Profiles that became one: the oldest survives. */
export interface ProfileMerge {
  survivorId: ProfileId;
  absorbedIds: ProfileId[];
  identifierIds: IdentifierId[];
  /** The link (or must-link) that joined them first, for the event's reason. */
  rule: LinkRule;
  observationId: ObservationId | null;
}

/** A profile that fell apart: the first part keeps its id. */
export interface ProfileSplit {
  fromProfileId: ProfileId;
  parts: { profileId: ProfileId; identifierIds: IdentifierId[] }[];
}

export interface ProfilesResult {
  /** Every profile of the input's identifiers (quarantined ones excluded), ordered by profile id. */
  profiles: ResolvedProfile[];
  households: Household[];
  /** Identifiers that link nothing, including those found junk by this rebuild. */
  quarantined: QuarantinedIdentifier[];
  heldLinks: HeldLink[];
  merges: ProfileMerge[];
  splits: ProfileSplit[];
  /** Profiles of the input that no longer exist (absorbed or emptied). */
  retiredProfileIds: ProfileId[];
}
