import { setTimeout as sleep } from 'node:timers/promises';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from '@scontrino/loyalty-service/testing';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { uniqueName } from '@scontrino/testing';
import { type RunningLoyaltyApp, startLoyaltyApp } from '../server/serve.js';
import { tillSale } from './till-sale.js';

/**
 * The services' clock and the browser's: the example sale happened at 10:15 in Milan on
 * 22 November 2026, during the AUTUNNO campaign; everything in the journey happens just after.
 */
export const JOURNEY_NOW = new Date('2026-11-22T09:30:00Z');
export const CARD = '2900000012345';

export interface JourneyStack {
  receipts: TestReceiptService;
  loyalty: TestLoyaltyService;
  app: RunningLoyaltyApp;
  close(): Promise<void>;
}

/**
 * The receipt and loyalty services in-process (shared keys and queue prefix, so card hashes
 * agree and the loyalty inbox receives the receipt service's events) and the built app in front.
 */
export async function startJourneyStack(): Promise<JourneyStack> {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('loyalty_app');
  const clock = () => new Date(JOURNEY_NOW);
  const receipts = await startTestReceiptService({ crypto, queuePrefix, clock });
  const loyalty = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    clock,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
  });
  const app = await startLoyaltyApp({ loyaltyUrl: loyalty.url, logLevel: 'silent' });
  return {
    receipts,
    loyalty,
    app,
    async close() {
      await app.close();
      await loyalty.close();
      await receipts.close();
    },
  };
}

/** A member with the example card, and the example sale with that card posted at the till. */
export async function memberWithSale(stack: JourneyStack): Promise<{ email: string; memberId: string }> {
  const email = `${uniqueName('anna')}@example.test`;
  const member = await stack.loyalty.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email,
    name: 'Anna Bianchi',
    cardNumbers: [CARD],
    marketingConsent: { granted: true, source: 'app' },
  });
  const key = await stack.receipts.terminal('MI-001', 'T03');
  const posted = await stack.receipts.post(tillSale(CARD), { key });
  if (posted.status !== 201)
    throw new Error(`the sale was refused: ${posted.status} ${JSON.stringify(posted.body)}`);
  return { email, memberId: member.memberId };
}

/** Polls until `probe` finds something; the deadline only turns a hang into a readable failure. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(100);
  }
}
