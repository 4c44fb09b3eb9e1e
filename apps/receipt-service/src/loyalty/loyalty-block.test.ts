import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  SALE_CREDIT_PROCEDURE,
  type SaleCredit,
  transactionRecordedPayloadSchema,
} from '@scontrino/contracts';
import { mailSink } from '@scontrino/testing';
import { initTRPC } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import { sale } from '../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LOYALTY_TOKEN = 'receipt-test-service-token-000000000000';

/**
 * A stand-in loyalty service speaking real tRPC over HTTP with the procedure and schema both
 * services share; the real one is exercised end to end in the loyalty service's tests.
 */
async function standInLoyalty(answer: (sale: unknown) => Promise<SaleCredit>) {
  const t = initTRPC.create();
  const received: unknown[] = [];
  const [namespace, name] = SALE_CREDIT_PROCEDURE.split('.') as [string, string];
  const appRouter = t.router({
    [namespace]: t.router({
      [name]: t.procedure.input(transactionRecordedPayloadSchema).mutation(({ input }) => {
        received.push(input);
        return answer(input);
      }),
    }),
  });
  const server = createHTTPServer({ router: appRouter, basePath: '/trpc/' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

async function started(loyaltyUrl: string, timeoutMs = 1500): Promise<TestReceiptService> {
  const service = await startTestReceiptService({
    loyalty: { url: loyaltyUrl, serviceToken: LOYALTY_TOKEN, timeoutMs },
  });
  cleanups.push(() => service.close());
  return service;
}

async function memberSale(service: TestReceiptService) {
  const key = await service.terminal('MI-001', 'T03');
  const to = `member-${randomUUID()}@example.test`;
  const body = sale(`LB-${randomUUID()}`);
  const res = await service.post({ ...body, customer: { ...body.customer, email: to } }, { key });
  // The whole answer, so a refusal shows its code and issues.
  expect(res).toMatchObject({ status: 201 });
  return { to, receiptUrl: (res.body as { receiptUrl: string }).receiptUrl };
}

const gold: SaleCredit = { memberId: 'mbr_1', pointsEarned: 154, balance: 1280, pending: 154, tier: 'Gold' };

describe("a member's receipt", () => {
  it('when the loyalty service credits the sale, then the email and the hosted page show points, balance and tier', async () => {
    const loyalty = await standInLoyalty(() => Promise.resolve(gold));
    const service = await started(loyalty.url);
    const { to, receiptUrl } = await memberSale(service);

    const mail = await mailSink.waitFor({ to });
    expect(mail.text).toMatch(/Punti guadagnati\s+\+154/);
    expect(mail.text).toMatch(/Saldo punti\s+1280/);
    expect(mail.html).toContain('Gold');
    const page = await (await fetch(receiptUrl.replace(TEST_PUBLIC_URL, service.url))).text();
    expect(page).toContain('Punti guadagnati');

    // What went to the loyalty service: the recorded sale, its card as a hash, nothing in clear.
    expect(loyalty.received).toHaveLength(1);
    const sent = JSON.stringify(loyalty.received[0]);
    expect(sent).toContain('"type":"card"');
    expect(sent).not.toMatch(/2900000012345|rossi@|member-/i);
  });

  it('when the card belongs to nobody, then the receipt goes out without a loyalty block', async () => {
    const loyalty = await standInLoyalty(() => Promise.resolve(null));
    const service = await started(loyalty.url);
    const { to } = await memberSale(service);
    const mail = await mailSink.waitFor({ to });
    expect(mail.text).toContain('154,91');
    expect(mail.text).not.toContain('Punti guadagnati');
  });

  it('when the loyalty service is slower than the timeout or down, then the receipt is not held back', async () => {
    const slow = await standInLoyalty(() => new Promise((resolve) => setTimeout(() => resolve(gold), 3_000)));
    const slowService = await started(slow.url, 300);
    const first = await memberSale(slowService);
    expect((await mailSink.waitFor({ to: first.to })).text).not.toContain('Punti guadagnati');

    const downService = await started(`http://127.0.0.1:${await getPort()}`, 300);
    const second = await memberSale(downService);
    expect((await mailSink.waitFor({ to: second.to })).text).not.toContain('Punti guadagnati');
  });
});
