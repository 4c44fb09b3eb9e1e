import { modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import type { ConsentChange } from '../domain/members/consent.js';
import type { TierChange } from '../domain/tiers/tier-timeline.js';

export interface MemberCard {
  hash: string;
  /** `••••1234`: what staff see. */
  masked: string;
  /** The number, encrypted (context `loyalty.member.card`): only the member's own app reads it. */
  encrypted: string;
  addedAt: Date;
}

/** A loyalty member. Personal data is encrypted; the ledger lives in `ledger_entries`. */
export interface MemberDocument {
  _id: string;
  tenantId: string;
  email: { encrypted: string; hash: string } | null;
  name: string | null;
  cards: MemberCard[];
  /** The customer profile of the reconciliation service, when known. */
  profileId: string | null;
  /** Append-only. */
  consent: ConsentChange[];
  /** A projection of the tier rules over the ledger, re-evaluated on every earn, return and daily. */
  tierHistory: TierChange[];
  /** Set when a profile merge moved this member's ledger into another member's. */
  mergedInto: { memberId: string; operationId: string; at: Date } | null;
  enrolledAt: Date;
  /** Set when the customer was erased: the member id and the ledger numbers stay, nothing personal. */
  erasedAt: Date | null;
}

const memberSchema = new Schema<MemberDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    email: { type: Schema.Types.Mixed, default: null },
    name: { type: String, default: null },
    cards: { type: Schema.Types.Mixed, default: [] },
    profileId: { type: String, default: null },
    consent: { type: Schema.Types.Mixed, default: [] },
    tierHistory: { type: Schema.Types.Mixed, default: [] },
    mergedInto: { type: Schema.Types.Mixed, default: null },
    enrolledAt: { type: Date, required: true },
    erasedAt: { type: Date, default: null },
  },
  { collection: 'members', versionKey: false, minimize: false },
);
memberSchema.index({ tenantId: 1, profileId: 1 });

export function memberModel(connection: Connection): Model<MemberDocument> {
  return modelOn<MemberDocument>(connection, 'Member', memberSchema);
}

/**
 * What finds a member by `_id`: `<tenantId>:<card|email>:<hash>`. Inserted at enrolment and when
 * a card is added, so a card or an email belongs to one member of a retailer at most (the
 * duplicate insert is the check), and the till's card look-up is one `_id` read.
 */
export interface MemberKeyDocument {
  _id: string;
  tenantId: string;
  type: 'card' | 'email';
  memberId: string;
  at: Date;
}

const memberKeySchema = new Schema<MemberKeyDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    type: { type: String, required: true, enum: ['card', 'email'] },
    memberId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'member_keys', versionKey: false },
);
memberKeySchema.index({ memberId: 1 });

export function memberKeyModel(connection: Connection): Model<MemberKeyDocument> {
  return modelOn<MemberKeyDocument>(connection, 'MemberKey', memberKeySchema);
}

export const memberKeyId = (tenantId: string, type: 'card' | 'email', hash: string): string =>
  `${tenantId}:${type}:${hash}`;
