import { describe, expect, it } from 'vitest';
import { nextLoyaltyRecheck } from './loyalty-wait.js';

function schedule(waitMs: number): number[] {
  const delays: number[] = [];
  let next = nextLoyaltyRecheck({ checks: 0, leftMs: waitMs });
  while (next) {
    delays.push(next.delayMs);
    next = nextLoyaltyRecheck({ checks: delays.length, leftMs: next.leftMs });
  }
  return delays;
}

describe('waiting for the loyalty block', () => {
  it('when the block is late, then the email looks again sooner first and later after, for the whole wait and no longer', () => {
    expect(schedule(5_000)).toEqual([250, 500, 1_000, 2_000, 1_250]);
    expect(schedule(5_000).reduce((sum, delay) => sum + delay, 0)).toBe(5_000);
  });

  it('when no wait is configured, then the email never waits', () => {
    expect(schedule(0)).toEqual([]);
  });
});
