import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const fingerprint = 'pf_3a9e77c1';
const email = 'sara.galli@example.it';

describe('a card-paid anonymous sale claimed from its paper slip', () => {
  it('when a sale names only the payment fingerprint, then its slip has a claim QR, claiming it mails the receipt and links the e-mail with the fingerprint', async () => {
    const { reconciliation: recon, receipt, tenantId } = platform;
    const paid = await platform.tillSale({ paymentFingerprint: fingerprint });
    expect(paid.claimUrl).toMatch(/\/c\/[A-Za-z0-9_-]{48}$/);
    const sale = await recon.waitLinked(`txn:${paid.transactionId}`);

    await platform.claim(paid, email);
    const claimed = await recon.waitLinked(`claim:${paid.receiptId}`);
    expect(claimed.profileId).toBe(sale.profileId);
    const byEmail = await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: email });
    const byFingerprint = await recon.trpc.profiles.resolve.query({
      tenantId,
      type: 'payment',
      value: fingerprint,
    });
    expect(byEmail?.profileId).toBe(sale.profileId);
    expect(byFingerprint?.profileId).toBe(sale.profileId);

    await vi.waitFor(
      async () => {
        const delivery = await receipt.database
          .collection('receipt_deliveries')
          .findOne({ receiptId: paid.receiptId });
        expect(delivery).toMatchObject({ state: 'sent', source: 'claim' });
      },
      { timeout: 20_000, interval: 100 },
    );
  });

  it('when a sale carries an e-mail, then its slip has no claim QR', async () => {
    const named = await platform.tillSale({ paymentFingerprint: fingerprint, email });
    expect(named.claimUrl).toBeUndefined();
  });
});
