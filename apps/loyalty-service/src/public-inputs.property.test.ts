import { randomUUID } from 'node:crypto';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { documentCounts, holdsRefusedText, oddText, uniqueName } from '@scontrino/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestLoyaltyService,
  TEST_TENANT,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from './test-support/loyalty-service.js';

// The loyalty service's public inputs (the app's join and sign-in, enrolment, redemptions at the
// till over REST) fuzzed with NUL, lone surrogates, U+FFFF, the BOM and bidi overrides: never a
// 5xx, and a refused request stores nothing.

let loyalty: TestLoyaltyService;
/** Issues the till's terminal key that redemptions ask for. */
let receipts: TestReceiptService;
let tillKey: string;
beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('loyalty_fuzz');
  receipts = await startTestReceiptService({ crypto, queuePrefix });
  loyalty = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
    signInCodeIpLimit: { windowMs: 60_000, limit: 10_000 },
  });
  tillKey = await receipts.terminal('MI-001', 'T01', TEST_TENANT);
});
afterAll(async () => {
  await loyalty.close();
  await receipts.close();
});

const written = ['members', 'member_keys', 'sign_in_codes', 'sign_in_claims', 'holds', 'ledger_entries'];
const RUNS = 15;
const address = () => `fuzz-${randomUUID().slice(0, 8)}@example.com`;
const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (error: { data?: { httpStatus?: number } }) => error.data?.httpStatus ?? 500,
  );

/**
 * The counts once they stopped moving: join and requestCode answer at once and enrol and mail
 * after, so an accepted call may still be writing when the next one is sent.
 */
async function settledCounts(): Promise<Record<string, number>> {
  let last = await documentCounts(loyalty.database, written);
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await documentCounts(loyalty.database, written);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the loyalty database kept changing');
}

async function expectNothingStoredWhenRefused(text: string, send: () => Promise<number>) {
  const refused = holdsRefusedText(text);
  const before = refused ? await settledCounts() : null;
  const status = await send();
  expect(status).toBeLessThan(500);
  if (refused) {
    expect(status).toBe(422);
    expect(await settledCounts()).toEqual(before);
  }
}

const rest = (path: string, body: unknown) =>
  fetch(`${loyalty.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tillKey}` },
    body: JSON.stringify(body),
  }).then((res) => res.status);

describe('loyalty public inputs under odd text', () => {
  it('the app: auth.join, auth.requestCode, auth.signIn', async () => {
    await fc.assert(
      fc.asyncProperty(
        oddText(),
        fc.constantFrom('name', 'tenantId', 'email', 'code'),
        async (text, field) => {
          const app = loyalty.app();
          await expectNothingStoredWhenRefused(text, () => {
            switch (field) {
              case 'name':
                return statusOf(
                  app.auth.join.mutate({
                    tenantId: TEST_TENANT,
                    email: address(),
                    name: text,
                    marketingConsent: false,
                  }),
                );
              case 'tenantId':
                return statusOf(app.auth.requestCode.mutate({ tenantId: text, email: address() }));
              case 'email':
                return statusOf(app.auth.requestCode.mutate({ tenantId: TEST_TENANT, email: text }));
              case 'code':
                return statusOf(
                  app.auth.signIn.mutate({ tenantId: TEST_TENANT, email: address(), code: text }),
                );
            }
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a till enrolling a member', async () => {
    await fc.assert(
      fc.asyncProperty(oddText(), fc.constantFrom('name', 'card', 'profileId'), async (text, field) => {
        const input = {
          tenantId: TEST_TENANT,
          email: address(),
          name: field === 'name' ? text : 'Anna',
          cardNumbers: [field === 'card' ? text : String(Date.now()).slice(-12)],
          marketingConsent: { granted: false, source: 'till' as const },
          ...(field === 'profileId' && { profileId: text }),
        };
        await expectNothingStoredWhenRefused(text, () => statusOf(loyalty.trpc.members.enrol.mutate(input)));
      }),
      { numRuns: RUNS },
    );
  });

  it('redemptions over REST: quote, hold and the hold id in the path', async () => {
    await fc.assert(
      fc.asyncProperty(oddText(), async (text) => {
        await expectNothingStoredWhenRefused(text, () =>
          rest('/v1/redemptions/quote', { tenantId: TEST_TENANT, cardNumber: text, basketTotal: 1000 }),
        );
        await expectNothingStoredWhenRefused(text, () =>
          // (A tenantId other than the key's is refused before validation: 403, see redemptions.test.ts.)
          rest('/v1/redemptions/hold', {
            tenantId: TEST_TENANT,
            cardNumber: text,
            basketTotal: 1000,
            points: 100,
          }),
        );
        const holdId = [...Buffer.from(text, 'utf8')]
          .map((b) => `%${b.toString(16).padStart(2, '0')}`)
          .join('');
        const status = await rest(`/v1/redemptions/${holdId}/capture`, { posTransactionId: 'T-1' });
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});
