import type { IdentifierType } from '@scontrino/identity';
import type { Country } from './locales.js';

/** Whose an identifier really is: one person, a household sharing it, or nobody (cashier junk). */
export type IdentifierOwner =
  | { kind: 'person'; personId: string }
  | { kind: 'household'; householdId: string; personIds: readonly string[] }
  | { kind: 'junk'; reason: 'placeholder-email' | 'store-phone' };

/** Why a value is unusual, so a failed evaluation can say which pattern broke. */
export type IdentifierNote =
  'typo' | 'dotless' | 'read-abroad' | 'placeholder-email' | 'store-phone' | 'shared-card' | 'guest-address';

/** An identifier as the till or the web shop sent it: raw, with the country it is read with. */
export interface ObservedIdentifier {
  type: IdentifierType;
  raw: string;
  /** The store's country at a till, the shipping country online: how a phone without prefix is read. */
  country: Country;
  owner: IdentifierOwner;
  note?: IdentifierNote | undefined;
  /** The customer proved it here: the e-mail of a receipt claim. */
  verified?: boolean | undefined;
}

export const observationPatterns = [
  'till-sale',
  'receipt-claim',
  'web-order',
  'app-order',
  'click-and-collect',
  'guest-order',
  /** A loyalty member's enrolment (only with `loyaltyEnrolments`). */
  'loyalty-enrolment',
] as const;
export type ObservationPattern = (typeof observationPatterns)[number];

export interface OrderDetails {
  orderId: string;
  channel: 'web' | 'app' | 'click_and_collect';
  pickupStoreId: string | null;
  total: number;
  lines: { sku: string; quantity: number; total: number }[];
}

/** One fact about one person, before it is shaped into an API call. */
export interface SyntheticObservation {
  /** Unique per source: the service stores each observation once by it. */
  sourceId: string;
  /** Epoch ms. */
  at: number;
  pattern: ObservationPattern;
  personId: string;
  name: string | null;
  storeId: string | null;
  /** The store's country at a till, the shipping country online. */
  country: Country;
  identifiers: ObservedIdentifier[];
  order: OrderDetails | null;
}

export const personOwner = (personId: string): IdentifierOwner => ({ kind: 'person', personId });
