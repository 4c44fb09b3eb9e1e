import { randomUUID } from 'node:crypto';
import { createLookupHasher } from '@scontrino/crypto';
import { uniqueEmail } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale, sale } from '../../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  type TestReceiptService,
} from '../../test-support/receipt-service.js';

let service: TestReceiptService;
let key: string;
beforeAll(async () => {
  service = await startTestReceiptService();
  key = await service.terminal('MI-001', 'T03');
});
afterAll(() => service.close());

const card = '2900000099991';
const email = uniqueEmail('member');
/** What the loyalty service sends: hashes of the member's identifiers in normal form. */
const hashOf = (type: 'card' | 'email', value: string) =>
  ({ type, hash: createLookupHasher(service.crypto.LOOKUP_HASH_KEY)(type, value) }) as const;

/** A sale at `minutesAgo`, identified as given; answers the POS's transaction id. */
async function saleAt(minutesAgo: number, customer: Record<string, unknown> | null): Promise<string> {
  const transactionId = `LC-${randomUUID()}`;
  const base = customer === null ? anonymousSale(transactionId) : { ...sale(transactionId), customer };
  const occurredAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const res = await service.post({ ...base, occurredAt }, { key });
  expect(res.status).toBe(201);
  return transactionId;
}

async function claimWith(claimUrl: string, address: string): Promise<void> {
  const local = claimUrl.replace(TEST_PUBLIC_URL, service.url);
  const html = await (await fetch(local)).text();
  const form = /name="form" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const res = await fetch(local, { method: 'POST', body: new URLSearchParams({ form, email: address }) });
  expect(res.status).toBe(200);
}

describe("a member's receipts for the loyalty app", () => {
  it('lists sales by card, by email and claimed with the email, newest first, a page at a time', async () => {
    const byCard = await saleAt(50, { loyaltyCardNumber: `${card.slice(0, 4)} ${card.slice(4)}` });
    const byEmail = await saleAt(40, { email: email.toUpperCase(), receiptDelivery: ['app'] });
    await saleAt(30, { loyaltyCardNumber: '2900000088882' });
    const anonymousId = `LC-${randomUUID()}`;
    const anonymous = await service.post(
      {
        ...anonymousSale(anonymousId),
        occurredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      },
      { key },
    );
    await claimWith((anonymous.body as { claimUrl: string }).claimUrl, email);

    const query = { identifiers: [hashOf('card', card), hashOf('email', email)] };
    const first = await service.serviceTrpc.receipts.listForCustomer.query({ ...query, limit: 2 });
    expect(first.receipts.map((r) => [r.transactionId, r.claimed])).toEqual([
      [anonymousId, true],
      [byEmail, false],
    ]);
    expect(first.receipts[0]?.receiptUrl).toMatch(`${TEST_PUBLIC_URL}/r/`);
    expect(first.receipts[0]).toMatchObject({
      type: 'sale',
      currency: 'EUR',
      total: 15491,
      storeId: 'MI-001',
      storeName: 'Moda Rossi Milano Centro',
    });

    const second = await service.serviceTrpc.receipts.listForCustomer.query({
      ...query,
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    expect(second.receipts.map((r) => r.transactionId)).toEqual([byCard]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue and a query that names nobody', async () => {
    const badCursor = await service.serviceTrpc.receipts.listForCustomer
      .query({ identifiers: [hashOf('email', email)], cursor: 'forged' })
      .catch((e: unknown) => e);
    expect((badCursor as TRPCClientError<never>).data).toMatchObject({
      httpStatus: 422,
      appCode: 'receipt.invalid_cursor',
    });
    const nobody = await service.serviceTrpc.receipts.listForCustomer
      .query({ identifiers: [] })
      .catch((e: unknown) => e);
    expect(nobody).toBeInstanceOf(TRPCClientError);
    expect((nobody as TRPCClientError<never>).data).toMatchObject({ httpStatus: 400 });
  });
});
