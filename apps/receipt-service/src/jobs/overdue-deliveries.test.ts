import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { mailSink, uniqueEmail } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_DELIVERY_REQUEUES } from '../domain/email-delivery.js';
import { sale } from '../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../test-support/receipt-service.js';
import { OVERDUE_AFTER_MS } from './overdue-deliveries.js';
import { RECEIPT_EMAIL_QUEUE } from './receipt-email-job.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The soak of 2026-12-06 (seed soak-20261206d, 97 kills of services in 30 minutes) ended with one
 * receipt e-mail `queued` for good: its job was gone or had ended without recording an outcome
 * (bull fails a job that stalled twice without running it; a last attempt may not reach the
 * database; a Redis may lose jobs). These tests take the job away in those ways and expect the
 * e-mail to go anyway, once.
 */
describe('a receipt e-mail whose job was lost', () => {
  let service: TestReceiptService;
  let offsetMs = 0;

  async function emailedSale(): Promise<{ to: string; deliveryId: string; receiptId: string }> {
    offsetMs = 0;
    service = await startTestReceiptService({
      clock: () => new Date(Date.now() + offsetMs),
      // A card sale's e-mail waits for its loyalty block, which never comes here: its job sits delayed.
      loyaltyWaitMs: 10 * 60_000,
    });
    cleanups.push(() => service.close());
    const key = await service.terminal('MI-001', 'T03');
    const to = uniqueEmail('lost');
    const body = sale(`LOST-${randomUUID()}`);
    const posted = await service.post(
      { ...body, customer: { ...body.customer, email: to, receiptDelivery: ['email'] } },
      { key },
    );
    expect(posted.status).toBe(201);
    const { receiptId } = posted.body as { receiptId: string };
    const deliveryId = `email:${receiptId}:till`;
    for (let waited = 0; !(await emailQueue().getJob(deliveryId)); waited += 50) {
      if (waited > 15_000) throw new Error('the e-mail job was never added');
      await sleep(50);
    }
    return { to, deliveryId, receiptId };
  }

  const emailQueue = () => service.queues.queue(RECEIPT_EMAIL_QUEUE);
  const overdue = () => {
    offsetMs += OVERDUE_AFTER_MS + 60_000;
  };
  const stateOf = async (deliveryId: string) => (await service.store.deliveries.get(deliveryId))?.state;

  it('when its job is still waiting for the loyalty block, then the sweep leaves it alone', async () => {
    const { deliveryId } = await emailedSale();
    overdue();
    expect(await service.sweepOverdueEmails()).toEqual({ requeued: 0, gaveUp: 0, left: 1 });
    expect(await (await emailQueue().getJob(deliveryId))?.getState()).toBe('delayed');
  });

  it('when Redis lost its job, then the sweep adds it again and the customer gets the e-mail, once', async () => {
    const { to, deliveryId } = await emailedSale();
    await (await emailQueue().getJob(deliveryId))?.remove();
    expect(await service.sweepOverdueEmails()).toEqual({ requeued: 0, gaveUp: 0, left: 0 }); // not overdue yet
    overdue();
    expect(await service.sweepOverdueEmails()).toEqual({ requeued: 1, gaveUp: 0, left: 0 });
    const mail = await mailSink.waitFor({ to }, 15_000);
    expect(mail.subject).toMatch(/Moda Rossi/);
    for (let waited = 0; (await stateOf(deliveryId)) !== 'sent'; waited += 50) {
      if (waited > 10_000) throw new Error(`the delivery is ${await stateOf(deliveryId)}`);
      await sleep(50);
    }
    // Sent: the next look finds nothing to do, and nothing is sent twice.
    expect(await service.sweepOverdueEmails()).toEqual({ requeued: 0, gaveUp: 0, left: 0 });
    await sleep(300);
    expect(await mailSink.list({ to })).toHaveLength(1);
  });

  it('when its job failed for good without recording why, then the sweep runs it again', async () => {
    const { to, deliveryId, receiptId } = await emailedSale();
    // What bull leaves when it gives up on a job without the e-mail's own code running (a job that
    // stalled twice): a failed job under the delivery's id, and the delivery still queued.
    const queue = emailQueue();
    await (await queue.getJob(deliveryId))?.remove();
    await queue.add({ deliveryId, receiptId, to: 'nowhere' }, { jobId: deliveryId, attempts: 1 });
    for (let waited = 0; (await (await queue.getJob(deliveryId))?.getState()) !== 'failed'; waited += 50) {
      if (waited > 10_000) throw new Error('the broken job did not fail');
      await sleep(50);
    }
    expect(await stateOf(deliveryId)).toBe('queued');
    overdue();
    expect(await service.sweepOverdueEmails()).toEqual({ requeued: 1, gaveUp: 0, left: 0 });
    await mailSink.waitFor({ to }, 15_000);
  });

  it('when its job keeps getting lost, then after a few tries it ends failed, with why, where support sees it', async () => {
    const { to, deliveryId, receiptId } = await emailedSale();
    // This worker takes no job, so each one added again can be lost before it runs.
    await emailQueue().pause(true);
    for (let round = 0; round < MAX_DELIVERY_REQUEUES; round += 1) {
      await (await emailQueue().getJob(deliveryId))?.remove();
      overdue();
      expect(await service.sweepOverdueEmails()).toMatchObject({ requeued: 1 });
      // Lost again before it could run.
      await (await emailQueue().getJob(deliveryId))?.remove();
    }
    overdue();
    expect(await service.sweepOverdueEmails()).toEqual({ requeued: 0, gaveUp: 1, left: 0 });
    const { deliveries } = await service.trpc.receipts.delivery.query({ receiptId });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.state).toBe('failed');
    expect(deliveries[0]?.lastError).toMatch(/ended without sending 4 times/);
    expect(await mailSink.list({ to })).toHaveLength(0);
  });
});
