import { describe, expect, it } from 'vitest';
import { createClaimBudget } from './claim-budget.js';

describe('claim budget', () => {
  it('when the limit is spent, then claims wait until the oldest leaves the window', () => {
    let now = 0;
    const budget = createClaimBudget({ limit: 2, windowMs: 1000 }, () => now);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
    now = 999;
    expect(budget.take()).toBe(false);
    now = 1000;
    expect(budget.take()).toBe(true);
  });
});
