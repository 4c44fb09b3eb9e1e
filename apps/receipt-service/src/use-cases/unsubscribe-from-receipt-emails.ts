import { hasOptedOutOfReceiptEmails } from '../domain/consent.js';
import type { EmailPreferencesStore } from '../store/email-preferences.js';
import type { SalesRollups } from '../store/sales-rollups.js';

export interface UnsubscribeDeps {
  emailPreferences: Pick<EmailPreferencesStore, 'record' | 'history'>;
  /** The dashboard's daily figures: an opt-out counts on the day of the receipt whose link it came from. */
  rollups: Pick<SalesRollups, 'recordOptOut'>;
  clock: () => Date;
}

/**
 * Records that an address withdrew its consent to receipt emails (its look-up hash, never the
 * address). An address that had opted out already is not counted again; one that opts out from a
 * receipt's link counts once on that receipt's store and day.
 */
export async function unsubscribeFromReceiptEmails(
  deps: UnsubscribeDeps,
  emailHash: string,
  receiptId: string | null = null,
): Promise<void> {
  const already = hasOptedOutOfReceiptEmails(await deps.emailPreferences.history(emailHash));
  await deps.emailPreferences.record(emailHash, {
    purpose: 'receipt_email',
    granted: false,
    source: 'unsubscribe',
    at: deps.clock(),
  });
  if (!already && receiptId !== null) await deps.rollups.recordOptOut(receiptId);
}
