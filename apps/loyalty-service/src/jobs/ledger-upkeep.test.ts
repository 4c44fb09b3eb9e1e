import { createQueueFactory } from '@scontrino/queue';
import { testStack, uniqueName } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';
import { LEDGER_UPKEEP_CRON, LEDGER_UPKEEP_QUEUE } from './ledger-upkeep-job.js';
import { startLoyaltyJobs } from './start-jobs.js';

const clock = testClock('2026-01-10T10:00:00Z');
const queuePrefix = uniqueName('upkeep');
let service: TestLoyaltyService;

beforeAll(async () => {
  service = await startTestLoyaltyService({ clock: clock.now, queuePrefix });
});
afterAll(() => service?.close());

describe('the daily ledger upkeep', () => {
  it('when run twice at the same time, then the second run writes nothing; later, expiry takes what is left', async () => {
    const { memberId } = await service.trpc.members.enrol.mutate({
      tenantId: 'moda-rossi',
      email: `${uniqueName('upkeep')}@example.test`,
      cardNumbers: [],
      marketingConsent: { granted: false, source: 'staff' },
    });
    await service.staff.ledger.adjust.mutate({
      memberId,
      requestId: 'r1',
      points: 300,
      reason: 'gesture',
    });
    clock.set('2028-01-10T10:00:00Z');
    const first = await service.runUpkeep();
    const second = await service.runUpkeep();
    expect(first).toMatchObject({ entries: 1, failed: 0 });
    expect(second).toMatchObject({ entries: 0, failed: 0 });
    const entries = await service.loyalty.store.ledger.entriesOf(memberId);
    expect(entries.map((entry) => [entry.kind, entry.active])).toEqual([
      ['adjust', 300],
      ['expire', -300],
    ]);
  });

  it('when the jobs start on two instances, then one daily repeatable job exists', async () => {
    const logger = pino({ level: 'silent' });
    const instances = [0, 1].map(() =>
      createQueueFactory({ redisUrl: testStack().redisUrl, prefix: queuePrefix, logger }),
    );
    try {
      for (const queues of instances)
        await startLoyaltyJobs({ queues, database: service.database, logger, loyalty: service.loyalty });
      const repeatable = await service.queues.queue(LEDGER_UPKEEP_QUEUE).getRepeatableJobs();
      expect(repeatable.map((job) => job.cron)).toEqual([LEDGER_UPKEEP_CRON]);
    } finally {
      await Promise.all(instances.map((queues) => queues.close()));
    }
  });
});
