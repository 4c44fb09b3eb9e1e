import { describe, expect, it } from 'vitest';
import type { Batch } from '../ledger/balance.js';
import { addDays } from '../ledger/expiry.js';
import { at, testProgram } from '../ledger/ledger-fixtures.js';
import { evaluateTiers, tierAt, type TierChange } from './tier-timeline.js';
import { tierProgress } from './tier-progress.js';

const rules = testProgram().tiers;
const enrolled: TierChange = { from: null, to: 'BRONZE', at: at('2026-01-01'), reason: 'enrolled' };

function batch(id: string, day: string, points: number, returns: Batch['returns'] = []): Batch {
  return {
    batchId: id,
    order: 0,
    saleId: null,
    earnedAt: at(day),
    activatesAt: at(day),
    expiresAt: null,
    pending: 0,
    active: points,
    qualifying: { points, spend: points * 100 },
    returns,
    returnedLines: [],
  };
}

describe('tiers', () => {
  it('when qualifying points reach a threshold, then the member moves up at that moment, skipping tiers if need be', () => {
    const result = evaluateTiers({
      rules,
      batches: [batch('a', '2026-02-01', 300), batch('b', '2026-03-01', 1800)],
      history: [enrolled],
      now: at('2026-03-05'),
    });
    expect(result.changes).toEqual([{ from: 'BRONZE', to: 'GOLD', at: at('2026-03-01'), reason: 'upgrade' }]);
    expect(tierProgress(rules, result)).toMatchObject({ qualifying: 2100, next: null });
  });

  it('when points leave the window, then the member keeps the tier for the grace period and then drops one tier at a time', () => {
    const history: TierChange[] = [
      enrolled,
      { from: 'BRONZE', to: 'GOLD', at: at('2026-03-01'), reason: 'upgrade' },
    ];
    const batches = [batch('b', '2026-03-01', 2100)];
    // The points leave the 12-month window on 2027-03-01: Gold until 90 days later, then Silver for 90 more days.
    const during = evaluateTiers({ rules, batches, history, now: at('2027-05-01') });
    expect(during.changes).toEqual([]);
    expect(during.downgradeAt).toEqual(addDays(at('2027-03-01'), 90));
    const after = evaluateTiers({ rules, batches, history, now: at('2027-12-01') });
    expect(after.changes.map((change) => [change.to, change.at])).toEqual([
      ['SILVER', addDays(at('2027-03-01'), 90)],
      ['BRONZE', addDays(at('2027-03-01'), 180)],
    ]);
  });

  it('when the member earns again during the grace period, then the tier is kept', () => {
    const history: TierChange[] = [
      enrolled,
      { from: 'BRONZE', to: 'SILVER', at: at('2026-03-01'), reason: 'upgrade' },
    ];
    const result = evaluateTiers({
      rules,
      batches: [batch('a', '2026-03-01', 600), batch('b', '2027-04-01', 500)],
      history,
      now: at('2027-09-01'),
    });
    expect(result.changes).toEqual([]);
    expect(result.tier.code).toBe('SILVER');
  });

  it('when the points that reached a tier are returned, then the tier goes back at the return, without grace', () => {
    const history: TierChange[] = [
      enrolled,
      { from: 'BRONZE', to: 'SILVER', at: at('2026-03-01'), reason: 'upgrade' },
    ];
    const result = evaluateTiers({
      rules,
      batches: [batch('a', '2026-03-01', 600, [{ at: at('2026-03-05'), points: 200, spend: 20_000 }])],
      history,
      now: at('2026-03-06'),
    });
    expect(result.changes).toEqual([
      { from: 'SILVER', to: 'BRONZE', at: at('2026-03-05'), reason: 'returned' },
    ]);
  });

  it('when evaluated twice with the same ledger, then the same changes come out (the job and the handler agree)', () => {
    const input = {
      rules,
      batches: [batch('a', '2026-02-01', 700)],
      history: [enrolled],
      now: at('2026-04-01'),
    };
    expect(evaluateTiers(input)).toEqual(evaluateTiers(input));
  });

  it('when asked for the tier at a past moment, then the history answers', () => {
    const history: TierChange[] = [
      enrolled,
      { from: 'BRONZE', to: 'SILVER', at: at('2026-03-01'), reason: 'upgrade' },
    ];
    expect(tierAt(history, at('2026-02-01'))).toBe('BRONZE');
    expect(tierAt(history, at('2026-03-02'))).toBe('SILVER');
  });
});
