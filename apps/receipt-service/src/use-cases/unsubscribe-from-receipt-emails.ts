import type { EmailPreferencesStore } from '../store/email-preferences.js';

export interface UnsubscribeDeps {
  emailPreferences: Pick<EmailPreferencesStore, 'record'>;
  clock: () => Date;
}

/** Records that an address withdrew its consent to receipt emails (its look-up hash, never the address). */
export function unsubscribeFromReceiptEmails(deps: UnsubscribeDeps, emailHash: string): Promise<void> {
  return deps.emailPreferences.record(emailHash, {
    purpose: 'receipt_email',
    granted: false,
    source: 'unsubscribe',
    at: deps.clock(),
  });
}
