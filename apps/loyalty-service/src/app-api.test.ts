import { examplePosSale } from '@scontrino/contracts';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { mailSink, uniqueName } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltyRouter } from './api/router.js';
import { eventually, testClock } from './test-support/eventually.js';
import {
  type LoyaltyClient,
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from './test-support/loyalty-service.js';

const clock = testClock('2026-11-22T09:20:00Z');
const TENANT = 'moda-rossi';
let receipts: TestReceiptService;
let loyalty: TestLoyaltyService;
const mario = { email: '', memberId: '', token: '' };
const lucia = { email: '', memberId: '', token: '' };

/** Asks for a code and reads it from the newest mail to the address (codes replace each other). */
async function freshCode(email: string): Promise<string> {
  const before = (await mailSink.list({ to: email })).length;
  await loyalty.app().auth.requestCode.mutate({ tenantId: TENANT, email });
  const mails = await eventually(async () => {
    const all = await mailSink.list({ to: email });
    return all.length > before ? all : undefined;
  }, `a new code for ${email}`);
  const newest = [...mails].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).at(-1);
  return /\b(\d{6})\b/.exec(newest?.subject ?? '')?.[1] ?? '';
}

async function signInAs(email: string): Promise<string> {
  const code = await freshCode(email);
  return (await loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email, code })).token;
}

async function status(call: Promise<unknown>): Promise<number | undefined> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error('expected the call to be refused');
  return (error as TRPCClientError<LoyaltyRouter>).data?.httpStatus;
}

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('loyalty_app');
  receipts = await startTestReceiptService({ crypto, queuePrefix, clock: clock.now });
  loyalty = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    clock: clock.now,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
  });
  for (const [person, card] of [
    [mario, '2900000012345'],
    [lucia, '2900000099999'],
  ] as const) {
    person.email = `${uniqueName('member')}@example.test`;
    person.memberId = (
      await loyalty.trpc.members.enrol.mutate({
        tenantId: TENANT,
        email: person.email,
        cardNumbers: [card],
        marketingConsent: { granted: true, source: 'app' },
      })
    ).memberId;
  }
  const key = await receipts.terminal('MI-001', 'T03');
  expect((await receipts.post(examplePosSale(), { key })).status).toBe(201);
  await eventually(
    async () =>
      (await loyalty.loyalty.store.ledger.entriesOf(mario.memberId)).length > 0 ? true : undefined,
    "Mario's earn",
  );
  mario.token = await signInAs(mario.email);
  lucia.token = await signInAs(lucia.email);
});

afterAll(async () => {
  await loyalty?.close();
  await receipts?.close();
});

describe('the loyalty app API', () => {
  it('when a member signs in with the emailed code, then the app reads their summary, history and receipts', async () => {
    const app: LoyaltyClient = loyalty.app(mario.token);
    const summary = await app.me.summary.query();
    expect(summary).toMatchObject({
      memberId: mario.memberId,
      balance: { active: 0, pending: 232, available: 0 },
      tier: { code: 'BRONZE', name: 'Bronze' },
      progress: { qualifying: 232, next: { code: 'SILVER', missing: 268 } },
      expiring: { points: 0, withinDays: 30 },
    });
    const history = await app.me.history.query({ limit: 10 });
    expect(history.entries).toHaveLength(1);
    // Explained as data, for the app to word in the member's language: no English sentence.
    expect(history.entries[0]).toMatchObject({
      kind: 'earn',
      points: 232,
      because: { kind: 'earned', points: 232, transactionId: 'MI-001-T03-000123', storeId: 'MI-001' },
    });
    expect(history.entries[0]).not.toHaveProperty('explanation');
    expect(history.entries[0]?.lines.map((line) => line.because)).toContainEqual(
      expect.objectContaining({
        kind: 'earned',
        factors: [{ kind: 'campaign', code: 'AUTUNNO', factor: 2 }],
        paid: expect.objectContaining({ currency: 'EUR' }) as unknown,
      }),
    );
    const page = await app.me.receipts.query({});
    expect(page.receipts.map((receipt) => receipt.transactionId)).toEqual(['MI-001-T03-000123']);
    // The store's name from the receipt service, for the app's list.
    expect(page.receipts[0]).toMatchObject({ storeId: 'MI-001', storeName: 'Moda Rossi Milano Centro' });
    // A cursor the receipt service never issued: refused by the field the member sent.
    const forged = await app.me.receipts.query({ cursor: 'not-a-cursor' }).catch((error: unknown) => error);
    expect((forged as TRPCClientError<LoyaltyRouter>).data).toMatchObject({
      httpStatus: 422,
      issues: [expect.objectContaining({ path: 'cursor' })],
    });
    // The card QR of the app: the member's own number, to them only.
    expect((await app.me.card.query()).cards).toMatchObject([
      { number: '2900000012345', masked: '••••2345' },
    ]);
    expect((await loyalty.app(lucia.token).me.card.query()).cards).toMatchObject([
      { number: '2900000099999' },
    ]);
  });

  it('when support looks up a card, then they see its member, the balance and the sale that earned; a stranger card is a 404 and a member token is refused', async () => {
    const found = await loyalty.trpc.members.lookup.query({ tenantId: TENANT, cardNumber: '2900000012345' });
    const summary = await loyalty.app(mario.token).me.summary.query();
    expect(found).toEqual({
      memberId: mario.memberId,
      balance: summary.balance,
      recentSales: ['MI-001-T03-000123'],
    });
    expect(
      await status(loyalty.trpc.members.lookup.query({ tenantId: TENANT, cardNumber: '2900000000000' })),
    ).toBe(404);
    expect(
      await status(
        loyalty.app(mario.token).members.lookup.query({ tenantId: TENANT, cardNumber: '2900000012345' }),
      ),
    ).toBe(401);
  });

  it('when another member signs in, then none of the first member data comes back', async () => {
    const app = loyalty.app(lucia.token);
    expect(await app.me.summary.query()).toMatchObject({ memberId: lucia.memberId, balance: { pending: 0 } });
    expect((await app.me.history.query({})).entries).toEqual([]);
    expect((await app.me.receipts.query({})).receipts).toEqual([]);
  });

  it('when the history is long, then pages follow an opaque cursor without gaps or repeats', async () => {
    for (let i = 1; i <= 5; i++)
      await loyalty.staff.ledger.adjust.mutate({
        memberId: lucia.memberId,
        requestId: `goodwill-${i}`,
        points: i,
        reason: 'goodwill',
      });
    const app = loyalty.app(lucia.token);
    const first = await app.me.history.query({ limit: 2 });
    const second = await app.me.history.query({ limit: 2, cursor: first.nextCursor ?? '' });
    const third = await app.me.history.query({ limit: 2, cursor: second.nextCursor ?? '' });
    expect([...first.entries, ...second.entries, ...third.entries].map((entry) => entry.points)).toEqual([
      5, 4, 3, 2, 1,
    ]);
    expect(third.nextCursor).toBeNull();
    expect(await status(app.me.history.query({ cursor: 'forged' }))).toBe(422);
  });

  it('when there is no token, a tampered one, a service token, or an expired one, then every me procedure answers 401', async () => {
    const [payload, tag] = mario.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...claims, m: lucia.memberId })).toString('base64url')}.${tag}`;
    for (const client of [loyalty.app(), loyalty.app(tampered), loyalty.app('garbage'), loyalty.trpc]) {
      expect(await status(client.me.summary.query())).toBe(401);
      expect(await status(client.me.history.query({}))).toBe(401);
      expect(await status(client.me.receipts.query({}))).toBe(401);
    }
    clock.advanceDays(1);
    try {
      expect(await status(loyalty.app(mario.token).me.summary.query())).toBe(401);
    } finally {
      clock.advanceDays(-1);
    }
  });

  it('when a code is asked for an address that is no member, then the answer is the same and no mail goes out', async () => {
    const stranger = `${uniqueName('stranger')}@example.test`;
    const nobody = await loyalty.app().auth.requestCode.mutate({ tenantId: TENANT, email: stranger });
    const before = (await mailSink.list({ to: mario.email })).length;
    const member = await loyalty.app().auth.requestCode.mutate({ tenantId: TENANT, email: mario.email });
    expect(nobody).toEqual(member);
    // The member's code, asked for after the stranger's, has arrived: a mail to the stranger would have too.
    await eventually(
      async () => ((await mailSink.list({ to: mario.email })).length > before ? true : undefined),
      "Mario's code",
    );
    expect(await mailSink.list({ to: stranger })).toEqual([]);
  });

  it('when wrong codes are tried, then the sixth try is refused even with the right code', async () => {
    const email = lucia.email;
    const code = await freshCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect(await status(loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email, code: wrong }))).toBe(
        401,
      );
    expect(await status(loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email, code }))).toBe(429);
  });

  it('when a code has been used, then it does not sign in a second time', async () => {
    const code = await freshCode(mario.email);
    const first = await loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email: mario.email, code });
    expect(first.memberId).toBe(mario.memberId);
    expect(
      await status(loyalty.app().auth.signIn.mutate({ tenantId: TENANT, email: mario.email, code })),
    ).toBe(401);
  });
});
