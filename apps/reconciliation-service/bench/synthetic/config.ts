import type { Country } from './locales.js';

/**
 * How the synthetic customers behave. Probabilities are per person unless said otherwise;
 * every default is a guess at an Italian fashion chain with a web shop, not a measurement.
 */
export interface SyntheticConfig {
  seed: number;
  people: number;
  tenantId: string;
  /** The retailer's web shop and app (one shop, account ids unique within it). */
  shopId: string;
  /** Observations fall in [from, to). */
  from: string;
  to: string;
  countries: Readonly<Record<Country, number>>;
  /** Where people buy: store only, online only, or both. */
  channels: Readonly<Record<'store' | 'online' | 'both', number>>;
  cards: { holder: number; second: number; third: number; replacedRatherThanParallel: number };
  emails: { second: number; third: number };
  /** `possibleOnly`: share of Italians whose (first) phone is possible but not valid by the metadata. */
  phones: { none: number; second: number; possibleOnly: number };
  payments: { none: number; second: number };
  /** Share of people living two by two in a household that shares one loyalty card. */
  households: number;
  /**
   * Share of households whose members each claim a family-card sale with their own e-mail; the
   * others never do: only their own phone or payment card at the till tells them apart.
   */
  householdsClaim: number;
  /** Mean visits per person over the period (geometric, so many come once or twice). */
  visits: { tillSales: number; onlineOrders: number; max: number };
  /** Per till sale. */
  till: { showsCard: number; paysByCard: number; givesPhone: number; givesEmail: number; abroad: number };
  /** Per till sale: the customer claims the receipt later through the slip's QR code. */
  claims: number;
  /** Per online order. */
  online: {
    channel: Readonly<Record<'web' | 'app' | 'click_and_collect', number>>;
    guest: number;
    givesPhone: number;
    webDevice: number;
  };
  noise: {
    /** A phone typed in national format at a store of another country: read with the wrong country. */
    nationalAbroad: number;
    /** Per e-mail typed at the till: a cashier's typo (a real but different address). */
    emailTypo: number;
    /** Per person with a dotted Gmail address: sometimes writes it without the dots. */
    gmailDotless: number;
    /** Per online shopper: one guest order under an address used nowhere else (only a name ties it). */
    secondGuestAddress: number;
    /**
     * Share of people with a namesake (two by two): the same name, and the provider's numbered
     * addresses one digit apart or with two digits swapped (`bruno281@`, `bruno821@`).
     */
    numberedNamesakes: number;
    /**
     * Per online shopper: sometimes writes their name another way when typing it (a second given
     * name, a second surname); a guest checkout then gives that form on 30 % of orders.
     */
    nameVariant: number;
  };
  /**
   * Each loyalty card's enrolment (`member.enrolled`: the member's name, e-mail and phone with the
   * card) reaches the service. Off by default (the evaluation's reference numbers are without it);
   * `'without-phones'`: as the loyalty service sends it, which keeps no phone.
   */
  loyaltyEnrolments: boolean | 'without-phones';
  /** Per till sale with a card where the customer gives no e-mail / no phone: the cashier fills the field anyway. */
  junk: { placeholderEmail: number; storePhone: number };
}

export const defaultSyntheticConfig: SyntheticConfig = {
  seed: 20250101,
  people: 2000,
  tenantId: 'moda-rossi',
  shopId: 'moda-rossi-web',
  from: '2025-01-01T00:00:00.000Z',
  to: '2026-01-01T00:00:00.000Z',
  countries: { IT: 0.8, DE: 0.05, FR: 0.05, ES: 0.04, AT: 0.03, NL: 0.03 },
  channels: { store: 0.55, online: 0.15, both: 0.3 },
  cards: { holder: 0.8, second: 0.18, third: 0.04, replacedRatherThanParallel: 0.6 },
  emails: { second: 0.2, third: 0.04 },
  phones: { none: 0.15, second: 0.08, possibleOnly: 0.06 },
  payments: { none: 0.2, second: 0.3 },
  households: 0.08,
  householdsClaim: 0.5,
  visits: { tillSales: 5, onlineOrders: 3, max: 30 },
  till: { showsCard: 0.8, paysByCard: 0.6, givesPhone: 0.25, givesEmail: 0.15, abroad: 0.04 },
  claims: 0.12,
  online: {
    channel: { web: 0.55, app: 0.3, click_and_collect: 0.15 },
    guest: 0.2,
    givesPhone: 0.6,
    webDevice: 0.5,
  },
  noise: {
    nationalAbroad: 0.3,
    emailTypo: 0.03,
    gmailDotless: 0.1,
    secondGuestAddress: 0.05,
    numberedNamesakes: 0.02,
    nameVariant: 0.05,
  },
  junk: { placeholderEmail: 0.05, storePhone: 0.03 },
  loyaltyEnrolments: false,
};

/** The defaults with some top-level groups replaced (a group is replaced whole). */
export function syntheticConfig(overrides: Partial<SyntheticConfig> = {}): SyntheticConfig {
  return { ...defaultSyntheticConfig, ...overrides };
}
