import { randomBytes } from 'node:crypto';
import { testDatabaseUri, uniqueName } from '@scontrino/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anonymousSale, sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const LOOKUP_HASH_KEY = randomBytes(32).toString('base64');
const onlyA = { CRYPTO_KEYS: { '1': keyA }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY };
const rotated = { CRYPTO_KEYS: { '1': keyA, '2': keyB }, CRYPTO_ACTIVE_KEY: 2, LOOKUP_HASH_KEY };

const running: TestReceiptService[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.close();
});

async function start(options: Parameters<typeof startTestReceiptService>[0]) {
  const service = await startTestReceiptService(options);
  running.push(service);
  return service;
}

type Posted = { receiptId: string; receiptUrl: string; claimUrl?: string };

/** Every declared ciphertext of the three collections, as stored. */
async function storedCiphertexts(service: TestReceiptService): Promise<string[]> {
  const db = service.database;
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];
  const all = [
    ...(await db
      .collection('transactions')
      .find({}, { projection: { receipt: 1, customer: 1 } })
      .toArray()),
    ...(await db
      .collection('receipt_claims')
      .find({}, { projection: { email: 1 } })
      .toArray()),
    ...(await db
      .collection('receipt_deliveries')
      .find({}, { projection: { address: 1 } })
      .toArray()),
  ];
  return all.flatMap(strings).filter((value) => value.startsWith('enc:'));
}

describe('key rotation in the receipt service', () => {
  it('when the service restarts with a new key and the old one kept, then receipts still open, the job rewrites every ciphertext under the new key, and a second run rewrites nothing', async () => {
    const databaseUri = testDatabaseUri('receipt_rotation');
    const before = await start({ databaseUri, crypto: onlyA });
    const key = await before.terminal('MI-001', 'T03');
    const named = (await before.post(sale(uniqueName('ROT')), { key })).body as Posted;
    const anonymous = (await before.post(anonymousSale(uniqueName('ROT')), { key })).body as Posted;
    const claimUrl = anonymous.claimUrl ?? '';
    await before.claim(claimUrl, `${uniqueName('claimer')}@example.test`);
    await vi.waitFor(
      async () => expect(await before.store.deliveries.ofReceipt(named.receiptId)).not.toHaveLength(0),
      { timeout: 15_000, interval: 100 },
    );
    await running.pop()?.close();

    const after = await start({ databaseUri, crypto: rotated });
    const oldCiphertexts = await storedCiphertexts(after);
    expect(oldCiphertexts.length).toBeGreaterThanOrEqual(6);
    expect(oldCiphertexts.every((value) => value.startsWith('enc:v1:'))).toBe(true);
    const get = (receiptId: string) => after.trpc.receipts.get.query({ receiptId });
    expect((await get(named.receiptId)).receiptUrl).toBe(named.receiptUrl);
    expect((await get(anonymous.receiptId)).receiptUrl).toBe(anonymous.receiptUrl);

    const first = await after.reencrypt();
    expect(first.transactions).toMatchObject({ scanned: 2, stale: 2, rewritten: 2, skipped: 0, failed: 0 });
    expect(first.receipt_claims).toMatchObject({ scanned: 1, stale: 1, rewritten: 1 });
    expect(first.receipt_deliveries?.rewritten).toBeGreaterThanOrEqual(1);

    const newCiphertexts = await storedCiphertexts(after);
    expect(newCiphertexts).toHaveLength(oldCiphertexts.length);
    expect(newCiphertexts.every((value) => value.startsWith('enc:v2:'))).toBe(true);
    expect((await get(named.receiptId)).receiptUrl).toBe(named.receiptUrl);
    expect((await get(anonymous.receiptId)).receiptUrl).toBe(anonymous.receiptUrl);
    const page = await fetch(named.receiptUrl.replace(/^https?:\/\/[^/]+/, after.url));
    expect(page.status).toBe(200);

    const second = await after.reencrypt();
    expect(Object.values(second).map((counts) => counts.rewritten)).toEqual([0, 0, 0]);
  });
});
