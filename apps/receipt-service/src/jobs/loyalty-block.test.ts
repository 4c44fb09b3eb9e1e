import { randomUUID } from 'node:crypto';
import type { EventOf, SaleCreditedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { mailSink, uniqueEmail } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymousSale, sale } from '../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(loyaltyWaitMs: number): Promise<TestReceiptService> {
  const service = await startTestReceiptService({ loyaltyWaitMs });
  cleanups.push(() => service.close());
  return service;
}

interface Posted {
  to: string;
  receiptId: string;
  pageUrl: string;
}

async function postSale(service: TestReceiptService, body = sale(`LB-${randomUUID()}`)): Promise<Posted> {
  const key = await service.terminal('MI-001', 'T03');
  const to = uniqueEmail('member');
  const res = await service.post(
    { ...body, customer: { ...body.customer, email: to, receiptDelivery: ['email'] } },
    { key },
  );
  // The whole answer, so a refusal shows its code and issues.
  expect(res).toMatchObject({ status: 201 });
  const { receiptId, receiptUrl } = res.body as { receiptId: string; receiptUrl: string };
  return { to, receiptId, pageUrl: receiptUrl.replace(TEST_PUBLIC_URL, service.url) };
}

const gold = {
  memberId: 'mbr_1',
  pointsEarned: 154,
  balance: 1280,
  pending: 154,
  availableFrom: '2026-12-22T09:15:00Z',
  tier: 'Gold',
};

/** What the loyalty service publishes once it has handled the sale's `transaction.recorded`. */
async function tell(
  service: TestReceiptService,
  receiptId: string,
  told:
    | { credit: Omit<typeof gold, 'availableFrom'> & { availableFrom?: string }; memberHasEmail?: boolean }
    | { outcome: 'not_a_member' | 'no_program' },
  eventId = `${receiptId}.credited`,
): Promise<void> {
  const ids = { id: `txn_${receiptId}`, receiptId, tenantId: 'moda-rossi' };
  const payload: SaleCreditedPayload =
    'credit' in told
      ? {
          ...ids,
          outcome: 'credited',
          credit: told.credit,
          ...(told.memberHasEmail !== undefined && { memberHasEmail: told.memberHasEmail }),
        }
      : { ...ids, outcome: told.outcome };
  const event: EventOf<'sale.credited'> = {
    id: eventId,
    type: 'sale.credited',
    version: 1,
    occurredAt: new Date().toISOString(),
    payload,
  };
  const job = await service.queues.queue(inboxQueueName('receipt-service')).add(event, { jobId: eventId });
  await job.finished();
}

const page = async (posted: Posted) => (await fetch(posted.pageUrl)).text();

describe("a card sale's receipt and its loyalty block", () => {
  it('when loyalty tells the sale was credited while the email waits, then the email and the hosted page show points, balance and tier', async () => {
    const service = await started(30_000);
    const posted = await postSale(service);
    await tell(service, posted.receiptId, { credit: gold });

    const mail = await mailSink.waitFor({ to: posted.to });
    expect(mail.text).toMatch(/Punti guadagnati\s+\+154/);
    expect(mail.text).toMatch(/Punti disponibili\s+1280/);
    expect(mail.text).toMatch(/Punti in attesa\s+154/);
    const pendingUntil = 'I punti di questo acquisto sono in attesa: potrai usarli dal 22 dicembre 2026';
    expect(mail.text.replace(/\n/g, ' ')).toContain(pendingUntil);
    expect(mail.html).toContain(pendingUntil);
    expect(mail.html).toContain('Gold');
    expect(await page(posted)).toContain(pendingUntil);
  });

  it('when an outcome was told before it carried the date the points become spendable, then the block shows them pending without a date', async () => {
    const service = await started(30_000);
    const posted = await postSale(service);
    const { availableFrom: _unknown, ...told } = gold;
    await tell(service, posted.receiptId, { credit: told });
    const mail = await mailSink.waitFor({ to: posted.to });
    expect(mail.text).toMatch(/Punti in attesa\s+154/);
    expect(mail.text).not.toContain('potrai usarli');
  });

  it('when loyalty tells no member holds the card, then the email goes without a block and does not wait out its wait', async () => {
    // Longer than the mail sink is waited for: only the answer lets the email go in time.
    const service = await started(60_000);
    const posted = await postSale(service);
    await tell(service, posted.receiptId, { outcome: 'not_a_member' });
    const mail = await mailSink.waitFor({ to: posted.to });
    expect(mail.text).toContain('154,91');
    expect(mail.text).not.toContain('Punti guadagnati');
  });

  it('when loyalty does not answer within the wait, then the email goes without the block, and the hosted page shows it once it comes', async () => {
    const service = await started(300);
    const posted = await postSale(service);
    expect((await mailSink.waitFor({ to: posted.to })).text).not.toContain('Punti guadagnati');
    expect(await page(posted)).not.toContain('Punti guadagnati');

    await tell(service, posted.receiptId, { credit: gold });
    expect(await page(posted)).toMatch(/Punti guadagnati/);
  });

  it('when the outcome is told twice (a replay, even with other figures), then the receipt keeps the first', async () => {
    const service = await started(30_000);
    const posted = await postSale(service);
    await tell(service, posted.receiptId, { credit: gold });
    await tell(service, posted.receiptId, { credit: { ...gold, balance: 9999 } }, 'replayed-under-a-new-id');
    expect((await mailSink.waitFor({ to: posted.to })).text).toMatch(/Punti disponibili\s+1280/);
    expect(await page(posted)).not.toContain('9999');
  });

  it("when loyalty's answer is delivered again after the e-mail went, then no second e-mail goes", async () => {
    const service = await started(30_000);
    const posted = await postSale(service);
    await tell(service, posted.receiptId, { credit: gold });
    await mailSink.waitFor({ to: posted.to });
    await tell(service, posted.receiptId, { credit: gold }, `${posted.receiptId}.credited-again`);
    // The till's e-mail after it, from the same till: once it is in, the first would be too.
    const later = await postSale(service);
    await tell(service, later.receiptId, { credit: gold });
    await mailSink.waitFor({ to: later.to });
    expect(await mailSink.list({ to: posted.to })).toHaveLength(1);
  });

  it("when loyalty answers before the sale's own event is handled, then the e-mail finds the answer and goes with the block", async () => {
    const service = await started(60_000);
    const key = await service.terminal('MI-001', 'T03');
    const body = sale(`LB-${randomUUID()}`);
    const to = uniqueEmail('member');
    // The sale's event is held back: the inbox is paused while the sale comes in and loyalty answers.
    const inbox = service.queues.queue(inboxQueueName('receipt-service'));
    await inbox.pause(true);
    const res = await service.post(
      { ...body, customer: { ...body.customer, email: to, receiptDelivery: ['email'] } },
      { key },
    );
    expect(res).toMatchObject({ status: 201 });
    const { receiptId } = res.body as { receiptId: string };
    await inbox.add(
      {
        id: `${receiptId}.credited`,
        type: 'sale.credited',
        version: 1,
        occurredAt: new Date().toISOString(),
        payload: {
          id: `txn_${receiptId}`,
          receiptId,
          tenantId: 'moda-rossi',
          outcome: 'credited',
          credit: gold,
        },
      },
      // Ahead of the sale's own event, which waits in the paused inbox.
      { jobId: `${receiptId}.credited`, lifo: true },
    );
    await inbox.resume(true);
    // Well within the 60 s the e-mail would otherwise wait.
    expect((await mailSink.waitFor({ to })).text).toMatch(/Punti guadagnati\s+\+154/);
  });

  it('when a sale names no card, then its email does not wait for loyalty', async () => {
    const service = await started(60_000);
    const { customer } = sale('unused');
    const { loyaltyCardNumber: _card, ...withoutCard } = customer ?? {};
    const body = { ...anonymousSale(`LB-${randomUUID()}`), customer: withoutCard };
    const posted = await postSale(service, body);
    expect((await mailSink.waitFor({ to: posted.to })).text).toContain('154,91');
  });

  it("when a card sale carries no e-mail, then its slip has a claim QR until loyalty tells the card's member has an e-mail, and then the code is refused", async () => {
    const service = await started(0);
    const key = await service.terminal('MI-001', 'T03');
    const post = async (transactionId: string) => {
      const res = await service.post(
        { ...anonymousSale(transactionId), customer: { loyaltyCardNumber: '2900000012345' } },
        { key },
      );
      expect(res).toMatchObject({ status: 201 });
      const body = res.body as { receiptId: string; claimUrl?: string };
      expect(body.claimUrl).toMatch(/\/c\/[A-Za-z0-9_-]{48}$/);
      return {
        receiptId: body.receiptId,
        claimPage: (body.claimUrl ?? '').replace(TEST_PUBLIC_URL, service.url),
      };
    };
    const withAddress = await post(`LB-${randomUUID()}`);
    expect((await fetch(withAddress.claimPage)).status).toBe(200);
    await tell(service, withAddress.receiptId, { credit: gold, memberHasEmail: true });
    const refused = await fetch(withAddress.claimPage);
    expect(refused.status).toBe(410);
    expect(await refused.text()).toContain('Receipt already in your account');
    expect((await service.store.receipts.findReceiptById(withAddress.receiptId))?.claimUrl).toBeNull();

    // A member without an address (or an older loyalty that does not say) leaves the code open.
    const withoutAddress = await post(`LB-${randomUUID()}`);
    await tell(service, withoutAddress.receiptId, { credit: gold, memberHasEmail: false });
    expect((await fetch(withoutAddress.claimPage)).status).toBe(200);
    const olderLoyalty = await post(`LB-${randomUUID()}`);
    await tell(service, olderLoyalty.receiptId, { credit: gold });
    expect((await fetch(olderLoyalty.claimPage)).status).toBe(200);
  });
});
