import { examplePosReturn, examplePosSale, type EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceAt } from './domain/ledger/balance.js';
import { eventually, testClock } from './test-support/eventually.js';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from './test-support/loyalty-service.js';

const CARD = '2900000012345';
const clock = testClock('2026-11-22T09:20:00Z');
let receipts: TestReceiptService;
let loyalty: TestLoyaltyService;
let terminalKey: string;
let returnsKey: string;
let memberId: string;

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('loyalty_flow');
  receipts = await startTestReceiptService({ crypto, queuePrefix, clock: clock.now });
  loyalty = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    clock: clock.now,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
  });
  terminalKey = await receipts.terminal('MI-001', 'T03');
  returnsKey = await receipts.terminal('MI-002', 'T01');
  const member = await loyalty.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email: `${uniqueName('mario')}@example.test`,
    name: 'Mario Rossi',
    cardNumbers: [CARD],
    marketingConsent: { granted: true, source: 'till' },
  });
  memberId = member.memberId;
});

afterAll(async () => {
  await loyalty?.close();
  await receipts?.close();
});

const balance = async () => balanceAt(await loyalty.loyalty.store.ledger.stateOf(memberId), clock.now());

describe('a sale at the till reaches the member ledger', () => {
  it('when a sale names the member card, then its points are pending, activate after the window, and a partial return takes back exactly its share', async () => {
    const posted = await receipts.post(examplePosSale(), { key: terminalKey });
    expect(posted.status).toBe(201);
    const earned = await eventually(async () => {
      const entries = await loyalty.loyalty.store.ledger.entriesOf(memberId);
      return entries.find((entry) => entry.kind === 'earn');
    }, 'the earn entry');
    if (earned.kind !== 'earn') throw new Error('expected an earn');
    // Jacket and two shirts, the 5 EUR basket discount shared over them by value, the jacket
    // doubled by campaign AUTUNNO: 78.38 EUR × 2 and 76.53 EUR, rounded down.
    expect(earned.lines.map((line) => [line.lineId, line.points])).toEqual([
      ['1', 156],
      ['2', 76],
    ]);
    expect(earned.lines[0]?.explanation).toMatch(/AUTUNNO/);
    expect(await balance()).toMatchObject({ pending: 232, active: 0 });

    clock.advanceDays(13);
    await loyalty.runUpkeep();
    expect(await balance()).toMatchObject({ pending: 232, active: 0 });
    clock.advanceDays(1);
    await loyalty.runUpkeep();
    expect(await balance()).toMatchObject({ pending: 0, active: 232 });

    // One of the two shirts comes back: half of line 2's 76 points.
    expect((await receipts.post(examplePosReturn(), { key: returnsKey })).status).toBe(201);
    await eventually(async () => ((await balance()).active === 194 ? true : undefined), 'the reversal');
    const entries = await loyalty.loyalty.store.ledger.entriesOf(memberId);
    expect(entries.map((entry) => entry.kind)).toEqual(['earn', 'activate', 'reverse']);
  });

  it('when a transaction event is delivered again (even under a new event id), then the ledger does not change', async () => {
    const before = await loyalty.loyalty.store.ledger.entriesOf(memberId);
    const earn = before.find((entry) => entry.kind === 'earn');
    if (earn?.kind !== 'earn') throw new Error('the first test credits the sale');
    const sale = await loyalty.loyalty.sales.get(earn.sale.id);
    if (!sale) throw new Error('the sale is archived');
    const inbox = loyalty.queues.queue(inboxQueueName('loyalty-service'));
    for (const id of [`${sale.id}.recorded`, 'replayed-with-a-new-id']) {
      const event: EventOf<'transaction.recorded'> = {
        id,
        type: 'transaction.recorded',
        version: 1,
        occurredAt: clock.now().toISOString(),
        payload: sale,
      };
      const job = await inbox.add(event, { jobId: `${id}:${uniqueName('again')}` });
      await job.finished();
    }
    expect(await loyalty.loyalty.store.ledger.entriesOf(memberId)).toEqual(before);
  });
});
