import { describe, expect, it } from 'vitest';
import { currentConsent, hasOptedOutOfReceiptEmails, type ConsentChange } from './consent.js';

const at = (iso: string) => new Date(iso);

describe('consent history', () => {
  const history: ConsentChange[] = [
    { purpose: 'marketing_email', granted: true, source: 'claim', at: at('2026-01-10T10:00:00Z') },
    { purpose: 'receipt_email', granted: false, source: 'unsubscribe', at: at('2026-03-01T08:00:00Z') },
    { purpose: 'marketing_email', granted: false, source: 'unsubscribe', at: at('2026-02-01T08:00:00Z') },
  ];

  it('answers with the latest decision for each purpose, whatever the order it was stored in', () => {
    expect(currentConsent(history, 'marketing_email')).toBe(false);
    expect(currentConsent(history, 'receipt_email')).toBe(false);
  });

  it('knows nothing when the customer never decided', () => {
    expect(currentConsent([], 'marketing_email')).toBeNull();
    expect(hasOptedOutOfReceiptEmails(history.slice(0, 1))).toBe(false);
  });

  it('lets a customer who opted out of receipt emails opt in again later', () => {
    expect(hasOptedOutOfReceiptEmails(history)).toBe(true);
    const again: ConsentChange = {
      purpose: 'receipt_email',
      granted: true,
      source: 'claim',
      at: at('2026-05-01T00:00:00Z'),
    };
    expect(hasOptedOutOfReceiptEmails([...history, again])).toBe(false);
  });
});
