import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testClock } from '../../test-support/eventually.js';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from '../../test-support/loyalty-service.js';

const clock = testClock('2026-11-24T10:00:00Z');
let service: TestLoyaltyService;
/** Issues the tills' terminal keys, as in production. */
let receipts: TestReceiptService;
/** The key of till T01 of store MI-001 of moda-rossi. */
let tillKey: string;

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('redemptions');
  receipts = await startTestReceiptService({ crypto, queuePrefix, clock: clock.now });
  service = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    clock: clock.now,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
  });
  tillKey = await receipts.terminal('MI-001', 'T01', 'moda-rossi');
});
afterAll(async () => {
  await service?.close();
  await receipts?.close();
});

let cards = 0;
/** A member holding `points` spendable points, with a card of its own. */
async function memberWith(points: number): Promise<{ memberId: string; cardNumber: string }> {
  const cardNumber = `29000000${String(++cards).padStart(5, '0')}`;
  const { memberId } = await service.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email: `${uniqueName('till')}@example.test`,
    cardNumbers: [cardNumber],
    marketingConsent: { granted: false, source: 'till' },
  });
  await service.staff.ledger.adjust.mutate({
    memberId,
    requestId: 'seed',
    points,
    reason: 'test points',
  });
  return { memberId, cardNumber };
}

async function post(path: string, body: unknown, token: string | null = tillKey) {
  const response = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('redemption at the till over REST', () => {
  it('when the till asks for a quote, then it learns how many points can pay how much of the basket', async () => {
    const { cardNumber } = await memberWith(5000);
    const quote = await post('/v1/redemptions/quote', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 4000,
    });
    expect(quote).toEqual({
      status: 200,
      body: expect.objectContaining({
        available: 5000,
        maxPoints: 2000,
        maxAmount: 2000,
        limitedBy: 'basket_share',
      }) as unknown,
    });
  });

  it('when points are held, captured twice with the same POS transaction and another hold voided, then the balance follows exactly', async () => {
    const { cardNumber, memberId } = await memberWith(1000);
    const held = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 10_000,
      points: 300,
    });
    expect(held.status).toBe(201);
    const holdId = String(held.body.holdId);
    const capture = { posTransactionId: 'MI-001-T03-000999' };
    const first = await post(`/v1/redemptions/${holdId}/capture`, capture);
    const again = await post(`/v1/redemptions/${holdId}/capture`, capture);
    expect(first).toEqual({
      status: 200,
      body: { holdId, memberId, posTransactionId: capture.posTransactionId, points: 300, balance: 700 },
    });
    expect(again).toEqual(first);
    expect((await post(`/v1/redemptions/${holdId}/capture`, { posTransactionId: 'other' })).status).toBe(409);

    const second = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 10_000,
      points: 500,
    });
    expect(
      (await service.trpc.redemptions.quote.query({ tenantId: 'moda-rossi', memberId, basketTotal: 10_000 }))
        .available,
    ).toBe(200);
    expect((await post(`/v1/redemptions/${String(second.body.holdId)}/void`, {})).status).toBe(200);
    expect(
      (await service.trpc.redemptions.quote.query({ tenantId: 'moda-rossi', memberId, basketTotal: 10_000 }))
        .available,
    ).toBe(700);
    expect((await post(`/v1/redemptions/${String(second.body.holdId)}/capture`, capture)).body).toMatchObject(
      {
        error: { code: 'redemption.hold_released' },
      },
    );
  });

  it('when ten holds race for one member, then exactly as many succeed as the balance allows', async () => {
    const { cardNumber, memberId } = await memberWith(450);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('/v1/redemptions/hold', {
          tenantId: 'moda-rossi',
          cardNumber,
          basketTotal: 100_000,
          points: 100,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 201)).toHaveLength(4);
    expect(results.filter((result) => result.status === 409)).toHaveLength(6);
    const quote = await service.trpc.redemptions.quote.query({
      tenantId: 'moda-rossi',
      memberId,
      basketTotal: 100_000,
    });
    expect(quote.available).toBe(50);
  });

  it('when a hold is not captured in time, then its points are free again and it can no longer be captured', async () => {
    const { cardNumber, memberId } = await memberWith(400);
    const held = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 10_000,
      points: 400,
    });
    clock.set('2026-11-24T10:16:00Z');
    try {
      expect(
        (
          await service.trpc.redemptions.quote.query({
            tenantId: 'moda-rossi',
            memberId,
            basketTotal: 10_000,
          })
        ).available,
      ).toBe(400);
      const late = await post(`/v1/redemptions/${String(held.body.holdId)}/capture`, {
        posTransactionId: 'late',
      });
      expect(late).toMatchObject({ status: 409, body: { error: { code: 'redemption.hold_expired' } } });
    } finally {
      clock.set('2026-11-24T10:00:00Z');
    }
  });

  it('when the input is wrong, then every problem is named by its path; without a key, 401', async () => {
    const bad = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      basketTotal: -1,
      points: 'many',
    });
    expect(bad.status).toBe(422);
    const issues = (bad.body.error as { issues: { path: string }[] }).issues.map((issue) => issue.path);
    expect(issues).toEqual(expect.arrayContaining(['basketTotal', 'points']));
    expect(
      (
        await post(
          '/v1/redemptions/quote',
          { tenantId: 'moda-rossi', cardNumber: '2900', basketTotal: 1 },
          null,
        )
      ).status,
    ).toBe(401);
    expect((await post('/v1/redemptions/hold_aaaaaaaaaaaaaaaaaaaaaaaaaa/void', {})).status).toBe(404);
  });

  it('when more points are asked than the program allows for the basket, then the hold is refused', async () => {
    const { cardNumber } = await memberWith(5000);
    const tooMany = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 1000,
      points: 600,
    });
    expect(tooMany).toMatchObject({
      status: 409,
      body: { error: { message: 'at most 500 points can pay for this basket' } },
    });
    const tooFew = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 1000,
      points: 50,
    });
    expect(tooFew).toMatchObject({ status: 422, body: { error: { code: 'redemption.below_minimum' } } });
  });
});

describe('who may redeem at the till', () => {
  it('when a caller presents the service token instead of a terminal key, then it is refused with 401', async () => {
    const { cardNumber } = await memberWith(1000);
    const body = { tenantId: 'moda-rossi', cardNumber, basketTotal: 4000 };
    for (const token of [service.serviceToken, TEST_SERVICE_TOKEN]) {
      const refused = await post('/v1/redemptions/quote', body, token);
      expect(refused).toMatchObject({ status: 401, body: { error: { code: 'auth.invalid_key' } } });
    }
  });

  it('when a key of another brand asks for this brand, then it is refused with 403 naming both', async () => {
    const { cardNumber } = await memberWith(1000);
    const otherBrand = await receipts.terminal('FI-009', 'T01', 'casa-verdi');
    const refused = await post(
      '/v1/redemptions/hold',
      { tenantId: 'moda-rossi', cardNumber, basketTotal: 4000, points: 100 },
      otherBrand,
    );
    expect(refused).toMatchObject({
      status: 403,
      body: {
        error: { message: 'This key is for tenant casa-verdi; it cannot redeem for tenant moda-rossi' },
      },
    });
  });

  it('when a till of another store captures or voids a hold, then it is refused with 403; another till of the same store may', async () => {
    const { cardNumber, memberId } = await memberWith(1000);
    const held = await post('/v1/redemptions/hold', {
      tenantId: 'moda-rossi',
      cardNumber,
      basketTotal: 10_000,
      points: 200,
    });
    const holdId = String(held.body.holdId);
    const otherStore = await receipts.terminal('RM-002', 'T01', 'moda-rossi');
    const otherBrand = await receipts.terminal('FI-009', 'T02', 'casa-verdi');
    const capture = { posTransactionId: 'MI-001-T02-000001' };
    for (const key of [otherStore, otherBrand]) {
      expect((await post(`/v1/redemptions/${holdId}/capture`, capture, key)).status).toBe(403);
      expect((await post(`/v1/redemptions/${holdId}/void`, {}, key)).status).toBe(403);
    }
    const sameStore = await receipts.terminal('MI-001', 'T02', 'moda-rossi');
    expect(await post(`/v1/redemptions/${holdId}/capture`, capture, sameStore)).toMatchObject({
      status: 200,
      body: { holdId, memberId, points: 200, balance: 800 },
    });
  });

  it('when the receipt service revokes a till key, then redemption refuses it too', async () => {
    const { cardNumber } = await memberWith(1000);
    const key = await receipts.terminal('MI-001', 'T09', 'moda-rossi');
    const body = { tenantId: 'moda-rossi', cardNumber, basketTotal: 4000 };
    expect((await post('/v1/redemptions/quote', body, key)).status).toBe(200);
    const keyId = key.split('_')[2] ?? '';
    await receipts.trpc.terminals.revokeKey.mutate({ keyId });
    // The revocation reaches this service's cache over Redis pub/sub (else within its 5 s expiry).
    const refused = await eventually(async () => {
      const answer = await post('/v1/redemptions/quote', body, key);
      return answer.status === 200 ? undefined : answer;
    }, 'the revocation');
    expect(refused).toMatchObject({
      status: 401,
      body: { error: { code: 'auth.invalid_key' } },
    });
  });
});
