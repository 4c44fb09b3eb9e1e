import type { IdentifierType } from '@scontrino/identity';
import type { IdentifierId, LinkRule, ObservationId } from '../graph/types.js';

/** Where the customer was seen: the channel figures and the timeline read it. */
export const observationChannels = [
  'store',
  'web',
  'app',
  'click_and_collect',
  'receipt_claim',
  'identify',
] as const;
export type ObservationChannel = (typeof observationChannels)[number];

export type ObservationKind = 'sale' | 'return' | 'order' | 'claim' | 'identify';

/** An identifier as an observation saw it: no value, only the hash and whether it was proven. */
export interface ObservedIdentifier {
  id: IdentifierId;
  type: IdentifierType;
  hash: string;
  /** The customer proved it here (claimed a receipt with it, logged into the shop). */
  verified: boolean;
  /** The normalised value, encrypted under this service's context (needed to create the identifier). */
  sealed: string;
  /** For a phone: the country it was read in, when known. */
  country: string | null;
}

/** A purchase the observation stands for; a claim points at its sale's, so it counts once. */
export interface Purchase {
  /** `txn:<id>` or `order:<…>`: figures count each key once. */
  key: string;
  at: Date;
  /** Minor units; a return is negative. */
  amount: number;
  currency: string;
}

/** One time identifiers were seen together: stored once, by its source's id. */
export interface Observation {
  observationId: ObservationId;
  tenantId: string;
  kind: ObservationKind;
  channel: ObservationChannel;
  rule: LinkRule;
  at: Date;
  storeId: string | null;
  shopId: string | null;
  pickupStoreId: string | null;
  purchase: Purchase | null;
  identifiers: ObservedIdentifier[];
  /** The customer's name as this source gave it, encrypted; null when none. */
  nameSealed: string | null;
}

/** How far a source's name is trusted for the golden record (higher wins). */
export const nameTrust: Readonly<Record<ObservationKind, number>> = {
  identify: 3,
  order: 2,
  claim: 1,
  sale: 0,
  return: 0,
};
