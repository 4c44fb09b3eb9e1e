import { inboxQueueName } from '@scontrino/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';

let service: TestLoyaltyService;
beforeAll(async () => {
  service = await startTestLoyaltyService();
});
afterAll(() => service.close());

describe('system.backlog of loyalty', () => {
  it('when an event waits in the inbox, then the backlog counts it; every outbox is counted', async () => {
    const probe = service.queues.queue('backlog-probe');
    await probe.add({ n: 1 }, { delay: 60_000 });
    const backlog = await service.trpc.system.backlog.query();
    expect(backlog).toMatchObject({ service: 'loyalty-service', linking: null });
    expect(backlog.outboxes).toEqual([
      { collection: 'ledger_entries', pending: 0 },
      { collection: 'sales', pending: 0 },
      { collection: 'member_enrolments', pending: 0 },
    ]);
    expect(backlog.queues.find((row) => row.queue === 'backlog-probe')).toMatchObject({
      waiting: 0,
      delayed: 1,
    });
    expect(backlog.queues.map((row) => row.queue)).toContain(inboxQueueName('loyalty-service'));
  });
});
