import { modelOn } from '@scontrino/db';
import type { IdentifierType } from '@scontrino/identity';
import { type Connection, type Model, Schema } from 'mongoose';
import type { LinkRule, QuarantineReason } from '../domain/graph/types.js';

/** A link as its two endpoints hold it: the adjacency the component search walks. */
export interface StoredLink {
  to: string;
  observationId: string;
  at: Date;
  rule: LinkRule;
}

export interface StoredQuarantine {
  reason: QuarantineReason;
  at: Date;
  actor: string | null;
  profilesJoined: number | null;
}

/**
 * One identifier of one tenant, `_id` `<tenantId>:<type>:<hash>`. Its links live on it (both
 * endpoints hold each one) because the local database finds documents fast by `_id` only.
 */
export interface IdentifierDocument {
  _id: string;
  tenantId: string;
  type: IdentifierType;
  hash: string;
  /** The normalised value, encrypted for display. */
  sealed: string;
  normaliserVersion: number;
  /** For phones: the country the number was read in, when known. */
  country: string | null;
  firstSeenAt: Date;
  verified: boolean;
  /**
   * Keyed hashes of the names given on observations naming this person-level identifier (a web
   * order, an identify), at most `MAX_NAMES_PER_IDENTIFIER` (5): households tell members apart
   * by them. Absent on documents written before names were kept.
   */
  names?: string[];
  /**
   * A phone's national digits (its last nine), as a keyed hash: one number read under two country
   * prefixes shares it, and does not tell the people at a shared card apart. Set when the phone is
   * first stored, and on a phone stored before it was kept, the next time the phone is seen.
   */
  numberKey?: string;
  profileId: string | null;
  quarantined: StoredQuarantine | null;
  links: StoredLink[];
  /** Links staff cut: kept on the endpoints so no replay can restore them. */
  cutLinkIds: string[];
  overrideIds: string[];
}

const identifierSchema = new Schema<IdentifierDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    type: { type: String, required: true },
    hash: { type: String, required: true },
    sealed: { type: String, required: true },
    normaliserVersion: { type: Number, required: true },
    country: { type: String, default: null },
    firstSeenAt: { type: Date, required: true },
    verified: { type: Boolean, required: true },
    names: { type: [String], default: undefined },
    numberKey: { type: String, default: undefined },
    profileId: { type: String, default: null },
    quarantined: { type: Schema.Types.Mixed, default: null },
    links: { type: Schema.Types.Mixed, default: [] },
    cutLinkIds: { type: [String], default: [] },
    overrideIds: { type: [String], default: [] },
  },
  { collection: 'identifiers', versionKey: false, minimize: false },
);
identifierSchema.index({ tenantId: 1, profileId: 1 });

export function identifierModel(connection: Connection): Model<IdentifierDocument> {
  return modelOn<IdentifierDocument>(connection, 'Identifier', identifierSchema);
}
