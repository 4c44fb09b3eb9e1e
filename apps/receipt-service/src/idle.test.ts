import { fileURLToPath } from 'node:url';
import { idleMinuteOf, totalOf } from '@scontrino/testing';
import { describe, expect, it } from 'vitest';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Idle, a minute holds the outbox dispatcher's stray sweep of its two models (`transactions`,
 * `receipt_claims`) and the overdue e-mail look (`receipt_deliveries`): 3 commands, 6 if a timer's
 * tick falls at each end of the window. Redis: bull's polling of the three queues with a worker (a
 * BRPOPLPUSH and a look at the delayed jobs a minute, the stalled-job check twice), 12. A minute
 * that holds a nightly job's run (a few commands on an empty database) fits the margin; a poll of
 * a collection every second would be 60 more.
 */
const DATABASE_COMMANDS_A_MINUTE = 15;
const REDIS_COMMANDS_A_MINUTE = 40;

describe('an idle receipt service', () => {
  it('when nothing happens for a minute, then it sends the database and Redis only its periodic looks', async () => {
    const sent = await idleMinuteOf(serviceDir, 'receipt_idle');
    const report = JSON.stringify(sent);
    expect(totalOf(sent.database), report).toBeLessThanOrEqual(DATABASE_COMMANDS_A_MINUTE);
    expect(totalOf(sent.redis), report).toBeLessThanOrEqual(REDIS_COMMANDS_A_MINUTE);
  }, 180_000);
});
