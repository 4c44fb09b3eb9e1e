import { examplePosSale } from '@scontrino/contracts';
import { startTestReceiptService, type TestReceiptService } from '@scontrino/receipt-service/testing';
import { mailSink, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, testClock } from './test-support/eventually.js';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from './test-support/loyalty-service.js';

const clock = testClock('2026-11-22T09:20:00Z');
let loyalty: TestLoyaltyService;
let receipts: TestReceiptService;

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('receipt_block');
  loyalty = await startTestLoyaltyService({ crypto, queuePrefix, clock: clock.now });
  // Longer than the mail sink is waited for: the block has to come for the email to go in time.
  receipts = await startTestReceiptService({ crypto, queuePrefix, clock: clock.now, loyaltyWaitMs: 60_000 });
});
afterAll(async () => {
  await receipts?.close();
  await loyalty?.close();
});

it("when a member's sale is emailed, then the receipt shows the points it earned, the balance and the tier, credited once", async () => {
  const email = `${uniqueName('block')}@example.test`;
  const { memberId } = await loyalty.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email,
    cardNumbers: ['2900 0000 12345'],
    marketingConsent: { granted: false, source: 'till' },
  });
  const sale = examplePosSale();
  const key = await receipts.terminal('MI-001', 'T03');
  const res = await receipts.post(
    { ...sale, customer: { ...sale.customer, email, receiptDelivery: ['email'] } },
    { key },
  );
  expect(res.status).toBe(201);

  // 232 points under the demo program (docs/loyalty.md, example 1), pending for the return window.
  const mail = await mailSink.waitFor({ to: email });
  expect(mail.text).toMatch(/Punti guadagnati\s+\+232/);
  expect(mail.text).toMatch(/Punti disponibili\s+0/);
  expect(mail.text).toMatch(/Punti in attesa\s+232/);
  // The sale's points wait out the demo program's 14 days of return window.
  expect(mail.text.replace(/\n/g, ' ')).toContain(
    'I punti di questo acquisto sono in attesa: potrai usarli dal 6 dicembre 2026',
  );
  expect(mail.text).toMatch(/Livello\s+Bronze/);

  // Credited once, by the loyalty service's own consumer of the event.
  const earns = await eventually(async () => {
    const entries = await loyalty.loyalty.store.ledger.entriesOf(memberId);
    return entries.length > 0 ? entries.filter((entry) => entry.kind === 'earn') : undefined;
  }, 'the earn entry');
  expect(earns).toHaveLength(1);
  expect(earns[0]?.lines.reduce((sum, line) => sum + line.points, 0)).toBe(232);
});
