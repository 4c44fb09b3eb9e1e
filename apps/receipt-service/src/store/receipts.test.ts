import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_CODE_TTL_MS } from '../domain/claim-code.js';
import { anonymousSale, sale } from '../test-support/pos-fixtures.js';
import { CLAIM_EMAIL_CONTEXT } from './receipt-claims.js';
import { receiptCrypto } from './receipt-crypto.js';
import {
  startTestReceiptService,
  storeProfile,
  TEST_PUBLIC_URL,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

let now = new Date();
let service: TestReceiptService;
let key: string;
beforeAll(async () => {
  service = await startTestReceiptService({ clock: () => now });
  key = await service.terminal('MI-001', 'T03');
});
afterAll(() => service.close());

async function recorded(payload: unknown): Promise<{ token: string; code: string | null }> {
  const res = await service.post(payload, { key });
  const body = res.body as { receiptUrl: string; claimUrl?: string };
  return { token: body.receiptUrl.split('/r/')[1] ?? '', code: body.claimUrl?.split('/c/')[1] ?? null };
}

describe('receipt queries for the pages', () => {
  it('finds an anonymous sale by its token and by its claim code, as the same record without personal data', async () => {
    const { token, code } = await recorded(anonymousSale('Q-1'));
    const byToken = await service.store.receipts.findReceiptByToken(token);
    expect(byToken).toMatchObject({
      receiptId: expect.stringMatching(/^rcpt_/) as string,
      store: storeProfile(),
      receiptUrl: `${TEST_PUBLIC_URL}/r/${token}`,
      claimUrl: `${TEST_PUBLIC_URL}/c/${code}`,
      related: [],
      loyalty: null,
    });
    expect(byToken?.transaction).not.toHaveProperty('customer');
    expect(await service.store.receipts.findReceiptByClaimCode(code ?? '')).toEqual(byToken);
  });

  it('gives a sale with an identified customer no claim link', async () => {
    const { token, code } = await recorded(sale('Q-2'));
    expect(code).toBeNull();
    expect((await service.store.receipts.findReceiptByToken(token))?.claimUrl).toBeNull();
  });

  it('when the token or code is unknown or forged, then null', async () => {
    const { code } = await recorded(anonymousSale('Q-3'));
    const forged = `${code?.slice(0, -2)}AA`;
    expect(await service.store.receipts.findReceiptByToken('A'.repeat(32))).toBeNull();
    expect(await service.store.receipts.findReceiptByClaimCode(forged)).toBeNull();
    expect(await service.store.receipts.findReceiptByClaimCode('not-a-code')).toBeNull();
  });

  it('when the claim code is used or expired, then the code finds nothing and the receipt shows no claim link', async () => {
    const used = await recorded(anonymousSale('Q-4'));
    const target = await service.store.receipts.findClaimTarget(used.code ?? '');
    if (target.status !== 'open') throw new Error(`the new code is ${target.status}`);
    await service.store.claims.claim(
      {
        _id: target.codeHash,
        receiptId: target.record.receiptId,
        transaction: target.transaction,
        email: {
          encrypted: receiptCrypto(service.crypto).cipher.encrypt('q4@example.test', CLAIM_EMAIL_CONTEXT),
          hash: 'h',
        },
        marketingConsent: false,
        claimedAt: now,
      },
      'sealed-address',
    );
    expect(await service.store.receipts.findClaimTarget(used.code ?? '')).toMatchObject({
      status: 'claimed',
      store: { storeId: 'MI-001' },
      locale: 'it-IT',
    });
    expect(await service.store.receipts.findReceiptByClaimCode(used.code ?? '')).toBeNull();
    expect((await service.store.receipts.findReceiptByToken(used.token))?.claimUrl).toBeNull();

    const expiring = await recorded(anonymousSale('Q-5'));
    now = new Date(now.getTime() + CLAIM_CODE_TTL_MS + 1000);
    try {
      expect(await service.store.receipts.findReceiptByClaimCode(expiring.code ?? '')).toBeNull();
      expect((await service.store.receipts.findReceiptByToken(expiring.token))?.claimUrl).toBeNull();
    } finally {
      now = new Date();
    }
  });
});
