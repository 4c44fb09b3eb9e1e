import { randomUUID } from 'node:crypto';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { createQueueFactory } from '@scontrino/queue';
import { testDatabaseUri, testStack, uniqueEmail, uniqueName } from '@scontrino/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';
import { CUSTOMER_FACTS_EVERY_MS } from './customer-facts.js';

const tenantId = 'moda-rossi';
const logger = pino({ level: 'silent' });
const QUEUE = 'reconciliation-service-customer-facts';
let service: TestReconciliationService | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

const marksLeft = (s: TestReconciliationService) =>
  s.database.collection('customer_facts_marks').countDocuments();

describe('the customer facts, computed when something is marked', () => {
  it('when a web order names a customer, then their facts are computed within the window, unasked', async () => {
    service = await startTestReconciliationService({ scheduleCustomerFacts: true });
    const running = service;
    const orderId = `W-${randomUUID().slice(0, 8)}`;
    const res = await running.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId,
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 4_990,
      customer: { email: uniqueEmail('facts') },
      lines: [{ sku: 'SKU-1', quantity: 1, total: 4_990 }],
    });
    expect(res.status).toBeLessThan(300);
    const { profileId } = await running.waitLinked(`order:${tenantId}:web-it:${orderId}`);
    expect(profileId).not.toBeNull();

    await expect
      .poll(() => running.graph.store.customerFacts.get(tenantId, profileId ?? ''), {
        timeout: CUSTOMER_FACTS_EVERY_MS + 15_000,
        interval: 250,
      })
      .toMatchObject({ purchases: 1, revenue: 4_990 });
    expect(await marksLeft(running)).toBe(0);
  }, 60_000);

  it('when nothing is marked, then no run waits in Redis, and the repeatable job of earlier versions is gone', async () => {
    const queuePrefix = uniqueName('facts');
    // What an earlier version left: a run every 10 s, for ever.
    const earlier = createQueueFactory({ redisUrl: testStack().redisUrl, prefix: queuePrefix, logger });
    await earlier
      .queue(QUEUE)
      .add({}, { repeat: { every: 10_000 }, jobId: 'customer-facts', removeOnComplete: 10 });
    await earlier.close();

    service = await startTestReconciliationService({ scheduleCustomerFacts: true, queuePrefix });
    const queue = service.queues.queue(QUEUE);
    expect(await queue.getRepeatableJobs()).toEqual([]);
    expect(await queue.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
  }, 60_000);

  it('when a mark was left without a run (a crash in between), then the look at start computes it', async () => {
    const databaseUri = testDatabaseUri('facts_left');
    const before = await connectDatabase({ uri: databaseUri, logger });
    await before.collection('customer_facts_marks').insertOne({
      _id: `${tenantId}|p:prof_gone|evt_${randomUUID()}` as never,
      tenantId,
      kind: 'profile',
      ref: 'prof_gone',
      eventId: `evt_${randomUUID()}`,
      markedAt: new Date(),
    });
    await closeDatabase(before);

    service = await startTestReconciliationService({ scheduleCustomerFacts: true, databaseUri });
    const running = service;
    await expect
      .poll(() => marksLeft(running), { timeout: CUSTOMER_FACTS_EVERY_MS + 15_000, interval: 250 })
      .toBe(0);
  }, 60_000);
});
