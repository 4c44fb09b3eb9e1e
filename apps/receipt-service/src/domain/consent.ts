/**
 * Consent is an append-only history, never a flag overwritten in place: each change keeps what
 * was decided, through which channel and when, so a retailer can show why an email went out.
 */
export type ConsentPurpose = 'receipt_email' | 'marketing_email';
export type ConsentSource = 'till' | 'claim' | 'unsubscribe' | 'staff';

export interface ConsentChange {
  purpose: ConsentPurpose;
  granted: boolean;
  source: ConsentSource;
  at: Date;
}

/** The latest decision for a purpose, or null when the customer never said anything about it. */
export function currentConsent(history: readonly ConsentChange[], purpose: ConsentPurpose): boolean | null {
  let latest: ConsentChange | undefined;
  for (const change of history) {
    if (change.purpose === purpose && (!latest || change.at >= latest.at)) latest = change;
  }
  return latest?.granted ?? null;
}

/** Receipt emails are transactional: sent when asked for, unless the address opted out since. */
export function hasOptedOutOfReceiptEmails(history: readonly ConsentChange[]): boolean {
  return currentConsent(history, 'receipt_email') === false;
}
