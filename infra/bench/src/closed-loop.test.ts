import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closedLoop } from './closed-loop.js';

describe('closedLoop', () => {
  it('counts every unit of every concurrent caller', async () => {
    let calls = 0;
    const { done } = await closedLoop({
      callers: 10,
      seconds: 0.2,
      work: async () => {
        calls += 1;
        await sleep(5);
        return 3;
      },
    });
    expect(calls).toBeGreaterThan(10);
    expect(done).toBe(calls * 3);
  });
});
