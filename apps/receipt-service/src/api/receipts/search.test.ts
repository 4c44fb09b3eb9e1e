import { randomUUID } from 'node:crypto';
import { createLookupHasher } from '@scontrino/crypto';
import { refusalOf, staffToken } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale, returnOf, sale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

/**
 * At Milano Centro (MI-001, Europe/Rome) on 22 November 2026: a card sale paid by a Visa ending
 * 4242 (154,91 €) at 10:15, an anonymous sale paid in cash at 11:00, a return of 39,50 € at 12:00;
 * one more sale at 00:30 on the 23rd (the 22nd in UTC, the 23rd in Milan); one sale at MI-002.
 */
let service: TestReceiptService;
const run = randomUUID().slice(0, 8);
const card = '2900000099991';
const ids = { card: `S1-${run}`, cash: `S2-${run}`, ret: `R1-${run}`, late: `S3-${run}`, other: `S4-${run}` };

const post = async (body: unknown, storeId = 'MI-001') => {
  const res = await service.post(body, { key: await service.terminal(storeId, 'T03') });
  expect(res.status).toBe(201);
};

beforeAll(async () => {
  service = await startTestReceiptService();
  const paid = sale(ids.card);
  await post({ ...paid, customer: { loyaltyCardNumber: card, receiptDelivery: ['paper'] } });
  const cash = anonymousSale(ids.cash);
  await post({
    ...cash,
    occurredAt: '2026-11-22T11:00:00+01:00',
    payments: [{ method: 'cash', amount: cash.totals.total }],
  });
  await post({ ...returnOf(ids.card, ids.ret, 'MI-001', 'T03'), occurredAt: '2026-11-22T12:00:00+01:00' });
  await post({ ...anonymousSale(ids.late), occurredAt: '2026-11-23T00:30:00+01:00' });
  await post(anonymousSale(ids.other, 'MI-002'), 'MI-002');
});
afterAll(() => service.close());

const day = { tenantId: 'moda-rossi', storeId: 'MI-001', day: '2026-11-22' };

describe("the back office's receipt search", () => {
  it("when staff ask for a store's day, then they get its receipts in the store's time zone, newest first", async () => {
    const { receipts, nextCursor } = await service.trpc.receipts.search.query(day);
    expect(receipts.map((r) => [r.transactionId, r.type, r.total, r.cardLast4, r.identified])).toEqual([
      [ids.ret, 'return', 3950, [], false],
      [ids.cash, 'sale', 15491, [], false],
      [ids.card, 'sale', 15491, ['4242'], true],
    ]);
    expect(nextCursor).toBeNull();
    expect(receipts[0]?.receiptUrl).toMatch(/^https:\/\/receipts\.example\.test\/r\//);
    const next = await service.trpc.receipts.search.query({ ...day, day: '2026-11-23' });
    expect(next.receipts.map((r) => r.transactionId)).toEqual([ids.late]);
  });

  it('when staff narrow by total, card digits or the slip id, then only the matching receipts come back', async () => {
    const byTotal = await service.trpc.receipts.search.query({ ...day, total: 3950 });
    expect(byTotal.receipts.map((r) => r.transactionId)).toEqual([ids.ret]);
    const byCard = await service.trpc.receipts.search.query({ ...day, last4: '4242' });
    expect(byCard.receipts.map((r) => r.transactionId)).toEqual([ids.card]);
    expect((await service.trpc.receipts.search.query({ ...day, last4: '0000' })).receipts).toEqual([]);
    const { day: _day, ...store } = day;
    const bySlip = await service.trpc.receipts.search.query({ ...store, transactionId: ids.cash });
    expect(bySlip.receipts.map((r) => r.transactionId)).toEqual([ids.cash]);
    // The slip of another store is not this store's.
    const elsewhere = await service.trpc.receipts.search.query({ ...store, transactionId: ids.other });
    expect(elsewhere.receipts).toEqual([]);
  });

  it('when the day holds more than a page, then the cursor walks it without repeating or skipping', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.trpc.receipts.search.query({ ...day, limit: 1, ...(cursor && { cursor }) });
      seen.push(...page.receipts.map((r) => r.transactionId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([ids.ret, ids.cash, ids.card]);
  });

  it("when Milan's store manager asks for another store, then it is a 403; bad input is a 400 naming each field", async () => {
    const milan = service.trpcAs(
      await staffToken({
        sub: 'giulia@moda-rossi',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    expect((await milan.receipts.search.query(day)).receipts).toHaveLength(3);
    expect(await refusalOf(milan.receipts.search.query({ ...day, storeId: 'MI-002' }))).toMatchObject({
      status: 403,
      code: 'auth.out_of_scope',
    });
    const issues = async (input: unknown) => {
      const error = await service.trpc.receipts.search.query(input as typeof day).catch((e: unknown) => e);
      if (!(error instanceof TRPCClientError)) throw new Error('expected a refusal');
      const data = (error as TRPCClientError<never>).data as unknown as {
        httpStatus: number;
        issues: { path: string }[];
      };
      return [data.httpStatus, data.issues.map((issue) => issue.path)];
    };
    expect(await issues({ ...day, last4: '42a2', total: 1.5 })).toEqual([400, ['total', 'last4']]);
    expect(await issues({ ...day, day: '2026-02-30' })).toEqual([400, ['day']]);
    expect(await issues({ tenantId: 'moda-rossi', storeId: 'MI-001' })).toEqual([400, ['day']]);
    // A well-formed cursor this service never issued: understood, refused (422).
    expect(await issues({ ...day, cursor: 'not-ours' })).toEqual([422, ['cursor']]);
  });
});

describe("the back office's customer receipts", () => {
  it("when staff of the brand ask by a card's hash, then they get the brand's receipts of that card; a store manager is refused", async () => {
    const hash = createLookupHasher(service.crypto.LOOKUP_HASH_KEY)('card', card);
    const identifiers = [{ type: 'card' as const, hash }];
    const mine = await service.trpc.receipts.ofCustomer.query({ tenantId: 'moda-rossi', identifiers });
    expect(mine.receipts.map((r) => r.transactionId)).toEqual([ids.card]);
    const other = await service.trpc.receipts.ofCustomer.query({ tenantId: 'bella-casa', identifiers });
    expect(other.receipts).toEqual([]);
    const milan = service.trpcAs(
      await staffToken({
        sub: 'giulia@moda-rossi',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    expect(
      await refusalOf(milan.receipts.ofCustomer.query({ tenantId: 'moda-rossi', identifiers })),
    ).toMatchObject({
      status: 403,
    });
  });
});
