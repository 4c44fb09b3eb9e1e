import type { EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';

let service: TestReconciliationService;
beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

describe('system.backlog of reconciliation', () => {
  it('when everything is linked, then nothing waits; when a claim waits for its sale, then the linking lag counts it and ages it', async () => {
    const order = await service.postOrder({
      tenantId: 'moda-rossi',
      shopId: 'web-it',
      orderId: 'W-BL-1',
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 4900,
      customer: { email: 'lag@example.it' },
      lines: [{ sku: 'SCARF', quantity: 1, total: 4900 }],
    });
    expect(order.status).toBe(202);
    await service.waitLinked('order:moda-rossi:web-it:W-BL-1');
    await vi.waitFor(async () =>
      expect((await service.trpc.system.backlog.query()).linking).toEqual({
        waitingEvents: 0,
        oldestWaitingEventAgeMs: null,
        unlinkedObservations: 0,
      }),
    );

    // A claim whose sale was never observed: retried until the sale comes, so it stays behind.
    const claim: EventOf<'receipt.claimed'> = {
      id: 'rcpt_lag.claimed',
      type: 'receipt.claimed',
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: {
        receiptId: 'rcpt_lag',
        id: 'txn_never_seen',
        transactionId: 'T-never',
        storeId: 'MI-001',
        tenantId: 'moda-rossi',
        email: { type: 'email', hash: 'h', sealed: 's' },
        marketingConsent: false,
        claimedAt: new Date().toISOString(),
      },
    };
    const job = await service.queues
      .queue(inboxQueueName('reconciliation-service'))
      .add(claim, { jobId: claim.id });
    const backlog = await vi.waitFor(async () => {
      const answer = await service.trpc.system.backlog.query();
      expect(answer.linking?.waitingEvents).toBe(1);
      return answer;
    });
    expect(backlog.service).toBe('reconciliation-service');
    expect(backlog.linking?.oldestWaitingEventAgeMs).toBeGreaterThanOrEqual(0);
    expect(backlog.linking?.oldestWaitingEventAgeMs).toBeLessThanOrEqual(
      Date.parse(backlog.at) - job.timestamp,
    );
    expect(backlog.outboxes.map((row) => row.collection)).toContain('observations');
    const inbox = backlog.queues.find((row) => row.queue === inboxQueueName('reconciliation-service'));
    expect(inbox?.oldestJobAgeMs).toBe(backlog.linking?.oldestWaitingEventAgeMs);
  });

  it('answers an analyst; refuses a store manager', async () => {
    const analyst = service.as(await staffToken({ sub: 'ops@crm', roles: ['crm_analyst'], tenants: ['*'] }));
    expect((await analyst.system.backlog.query()).service).toBe('reconciliation-service');
    const manager = service.as(
      await staffToken({
        sub: 'anna@mi',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    await expect(manager.system.backlog.query()).rejects.toThrow(/operations\.read/);
  });
});
