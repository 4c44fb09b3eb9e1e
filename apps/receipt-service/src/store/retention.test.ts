import { mailSink, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale } from '../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// The contract's example sale happened on 22 November 2026; the service's clock starts just after.
let now = new Date('2026-11-22T10:30:00Z');
let service: TestReceiptService;

beforeAll(async () => {
  service = await startTestReceiptService({ clock: () => new Date(now) });
});
afterAll(() => service?.close());

describe('the daily retention purge', () => {
  it('when the retention periods have passed, then delivery logs and claim codes go, and the receipts stay', async () => {
    const key = await service.terminal('MI-001', 'T03');
    const claimed = await service.post(anonymousSale(uniqueName('T')), { key });
    const unclaimed = await service.post(anonymousSale(uniqueName('T')), { key });
    const { claimUrl, receiptUrl } = claimed.body as { claimUrl: string; receiptUrl: string };
    const email = `${uniqueName('keep')}@example.test`;
    await service.claim(claimUrl, email);
    await mailSink.waitFor({ to: email });

    // A week on, nothing is old enough yet.
    now = new Date(now.getTime() + 7 * DAY_MS);
    expect(await service.purgeExpired()).toEqual({
      processed_events: 0,
      delivery_logs: 0,
      claim_codes: 0,
      audit_log: 0,
    });

    // Half a year on: past 30 days of events, 180 of logs, and 90 + 30 of claim codes.
    now = new Date(now.getTime() + 180 * DAY_MS);
    const purged = await service.purgeExpired();
    expect(purged).toMatchObject({ delivery_logs: 1, claim_codes: 2 });
    // The claim's event: the sales' own events keep no record (their deliveries tell a replay).
    expect(purged.processed_events).toBeGreaterThanOrEqual(1);
    const db = service.database;
    expect(await db.collection('receipt_deliveries').countDocuments()).toBe(0);
    expect(await db.collection('transactions').countDocuments({ 'receipt.claim': { $ne: null } })).toBe(0);

    // The receipts themselves are fiscal records: both pages still open.
    const { receiptUrl: otherUrl } = unclaimed.body as { receiptUrl: string };
    for (const url of [receiptUrl, otherUrl]) {
      const page = await fetch(url.replace(TEST_PUBLIC_URL, service.url));
      expect(page.status).toBe(200);
    }
    // And a second run finds nothing left.
    expect(Object.values(await service.purgeExpired())).toEqual([0, 0, 0, 0]);
  });
});
