import type { EventOf, TransactionRecordedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testClock } from '../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';

const TENANT = 'moda-rossi';
const CARD = '2900000000033';
const clock = testClock('2026-11-24T10:00:00Z');
let service: TestLoyaltyService;
let memberId: string;

function sale(id: string, card: string | null, tenantId = TENANT): TransactionRecordedPayload {
  return {
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    storeId: 'MI-001',
    tenantId,
    type: 'sale',
    occurredAt: '2026-11-24T09:00:00.000Z',
    currency: 'EUR',
    totals: { subtotal: 6_000, discountTotal: 0, taxTotal: 0, total: 6_000 },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 1,
        unitPrice: 6_000,
        total: 6_000,
        originalLineId: null,
      },
    ],
    identifiers: card
      ? [{ type: 'card', hash: service.loyalty.crypto.card(card)?.hash ?? '', sealed: 'sealed-card' }]
      : [],
    original: null,
    pointsRedeemed: 0,
  };
}

/** Delivers `transaction.recorded` to the loyalty inbox and waits until it is handled. */
async function deliver(payload: TransactionRecordedPayload, id = `${payload.id}.recorded`): Promise<void> {
  const event: EventOf<'transaction.recorded'> = {
    id,
    type: 'transaction.recorded',
    version: 1,
    occurredAt: clock.now().toISOString(),
    payload,
  };
  await (await service.queues.queue(inboxQueueName('loyalty-service')).add(event, { jobId: id })).finished();
}

/** What reached the receipt service's inbox about this sale (the dispatcher sends it shortly). */
async function toldAbout(saleId: string): Promise<unknown> {
  const inbox = service.queues.queue(inboxQueueName('receipt-service'));
  return eventually(async () => (await inbox.getJob(`${saleId}.credited`))?.data as unknown, 'sale.credited');
}

beforeAll(async () => {
  service = await startTestLoyaltyService({ clock: clock.now });
  ({ memberId } = await service.trpc.members.enrol.mutate({
    tenantId: TENANT,
    email: 'told@example.test',
    cardNumbers: [CARD],
    marketingConsent: { granted: false, source: 'till' },
  }));
});
afterAll(() => service?.close());

describe('loyalty tells the receipt what came of a card sale', () => {
  it("when a member's card sale is credited, then sale.credited carries the points, the balance after it, when the points become spendable, the tier and that the member has an e-mail", async () => {
    await deliver(sale('txn_told_1', CARD));
    expect(await toldAbout('txn_told_1')).toMatchObject({
      type: 'sale.credited',
      payload: {
        id: 'txn_told_1',
        receiptId: 'rcpt_txn_told_1',
        outcome: 'credited',
        credit: {
          memberId,
          pointsEarned: 60,
          balance: 0,
          pending: 60,
          // The demo program's 14 days of return window after the sale's time.
          availableFrom: '2026-12-08T09:00:00.000Z',
          tier: 'Bronze',
        },
        // The receipt service withdraws the slip's claim code: the receipt has an address.
        memberHasEmail: true,
      },
    });
  });

  it('when the event comes again under another id, then the sale is not credited again', async () => {
    await deliver(sale('txn_told_1', CARD), 'a-second-delivery');
    const entries = await service.loyalty.store.ledger.entriesOf(memberId);
    expect(entries.map((entry) => entry.kind)).toEqual(['earn']);
  });

  it("when the card is nobody's, or the retailer has no program, then sale.credited says so", async () => {
    await deliver(sale('txn_told_2', '2900000000044'));
    expect(await toldAbout('txn_told_2')).toMatchObject({
      payload: { receiptId: 'rcpt_txn_told_2', outcome: 'not_a_member' },
    });
    const other = await service.trpc.members.enrol.mutate({
      tenantId: 'no-program-yet',
      email: 'told@example.test',
      cardNumbers: [CARD],
      marketingConsent: { granted: false, source: 'till' },
    });
    await deliver(sale('txn_told_3', CARD, 'no-program-yet'));
    expect(await toldAbout('txn_told_3')).toMatchObject({ payload: { outcome: 'no_program' } });
    expect(await service.loyalty.store.ledger.entriesOf(other.memberId)).toEqual([]);
  });

  it('when a sale names no card, then loyalty tells nothing (its receipt does not wait)', async () => {
    await deliver(sale('txn_told_4', null));
    await deliver(sale('txn_told_5', '2900000000055'));
    await toldAbout('txn_told_5');
    const inbox = service.queues.queue(inboxQueueName('receipt-service'));
    expect(await inbox.getJob('txn_told_4.credited')).toBeNull();
  });
});
