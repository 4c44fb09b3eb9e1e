/**
 * Data quality at the till: how many sales named an e-mail, and how many of those could not be
 * read (no address: ignored at the till) or were a placeholder a cashier typed for a customer who
 * gave none (`nomail@…`, `cliente@…`, see `@scontrino/identity`). Counted per store, day and
 * cashier by the consumer of `transaction.recorded`; pure here.
 */
export const contactQualityCounters = ['sales', 'emailGiven', 'emailInvalid', 'emailPlaceholder'] as const;
export type ContactQualityCounter = (typeof contactQualityCounters)[number];
export type ContactQualityFigures = Record<ContactQualityCounter, number>;

export const emptyContactQuality = (): ContactQualityFigures => ({
  sales: 0,
  emailGiven: 0,
  emailInvalid: 0,
  emailPlaceholder: 0,
});

/** The e-mail a till sale named, as the consumer classified it. */
export type TillEmail = 'none' | 'valid' | 'invalid' | 'placeholder';

/** A self-checkout terminal names no cashier. */
export const SELF_CHECKOUT = 'self-checkout';

/**
 * A cashier id as a field name of the day's document: the till's id with anything but letters,
 * digits, `-` and `_` replaced (a `.` or `$` would be read as a path or an operator).
 */
export function cashierKey(cashierId: string | null | undefined): string {
  if (cashierId === null || cashierId === undefined || cashierId === '') return SELF_CHECKOUT;
  return cashierId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

/** What one sale adds to its store's day (a return adds nothing: it names the sale's customer again). */
export function contactQualityContribution(
  type: 'sale' | 'return',
  email: TillEmail,
): ContactQualityFigures | null {
  if (type === 'return') return null;
  return {
    sales: 1,
    emailGiven: email === 'none' ? 0 : 1,
    emailInvalid: email === 'invalid' ? 1 : 0,
    emailPlaceholder: email === 'placeholder' ? 1 : 0,
  };
}

export function addContactQuality(
  into: ContactQualityFigures,
  more: Partial<ContactQualityFigures>,
): ContactQualityFigures {
  for (const name of contactQualityCounters) into[name] += more[name] ?? 0;
  return into;
}

/** Share of sales with an unusable e-mail (invalid or placeholder); null without sales. */
export function badEmailShare(figures: ContactQualityFigures): number | null {
  return figures.sales === 0 ? null : (figures.emailInvalid + figures.emailPlaceholder) / figures.sales;
}
