import { inboxQueueName } from '@scontrino/queue';
import { staffToken } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymousSale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

let service: TestReceiptService;
beforeAll(async () => {
  service = await startTestReceiptService();
});
afterAll(() => service.close());

describe('system.backlog', () => {
  it('when sales wait in the outbox and events wait in a queue, then the backlog counts them and ages the oldest job', async () => {
    const key = await service.terminal('MI-001', 'T03');
    expect((await service.post(anonymousSale('BL-1'), { key })).status).toBe(201);
    const transactions = service.database.collection('transactions');
    await vi.waitFor(async () =>
      expect(await transactions.findOne({ transactionId: 'BL-1' })).toMatchObject({ outboxPending: false }),
    );
    // An outbox the dispatcher has not reached (as after a crash between insert and dispatch):
    // the next sweep is a minute away.
    await transactions.updateOne({ transactionId: 'BL-1' }, { $set: { outboxPending: true } });
    // Jobs the service does not process: a queue of its own nobody consumes.
    const stuck = service.queues.queue('backlog-probe');
    const first = await stuck.add({ n: 1 });
    await stuck.add({ n: 2 }, { delay: 60_000 });

    const backlog = await service.serviceTrpc.system.backlog.query();
    expect(backlog.service).toBe('receipt-service');
    expect(backlog.linking).toBeNull();
    expect(backlog.outboxes).toEqual([
      { collection: 'transactions', pending: 1 },
      { collection: 'receipt_claims', pending: 0 },
    ]);
    const probe = backlog.queues.find((row) => row.queue === 'backlog-probe');
    expect(probe).toMatchObject({ waiting: 1, active: 0, delayed: 1, failed: 0 });
    expect(probe?.oldestJobAgeMs).toBeGreaterThanOrEqual(0);
    expect(probe?.oldestJobAgeMs).toBeLessThanOrEqual(Date.parse(backlog.at) - first.timestamp);
    expect(backlog.queues.map((row) => row.queue)).toContain(inboxQueueName('receipt-service'));
  });

  it('answers support and analysts; refuses a store manager, naming the permission', async () => {
    for (const roles of [['support'], ['crm_analyst']] as const) {
      const client = service.trpcAs(
        await staffToken({ sub: `ops@${roles[0]}`, roles: [...roles], tenants: ['*'] }),
      );
      expect((await client.system.backlog.query()).service).toBe('receipt-service');
    }
    const manager = service.trpcAs(
      await staffToken({
        sub: 'anna@mi-001',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    const refused = await manager.system.backlog.query().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<never>).message).toContain('operations.read');
  });
});
