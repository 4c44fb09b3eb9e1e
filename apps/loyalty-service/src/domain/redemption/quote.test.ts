import { describe, expect, it } from 'vitest';
import { testProgram } from '../ledger/ledger-fixtures.js';
import { quoteRedemption, redemptionProblem } from './quote.js';

const rules = testProgram().redemption;

describe('redemption quote', () => {
  it('when the balance is the limit, then every available point can pay', () => {
    expect(quoteRedemption(rules, { available: 300, basketTotal: 10_000 })).toEqual({
      available: 300,
      maxPoints: 300,
      maxAmount: 300,
      pointValue: 1,
      minimumPoints: 100,
      limitedBy: 'balance',
    });
  });

  it('when the basket is small, then at most half of it can be paid with points', () => {
    const quote = quoteRedemption(rules, { available: 5000, basketTotal: 1999 });
    expect(quote).toMatchObject({ maxPoints: 999, maxAmount: 999, limitedBy: 'basket_share' });
    expect(redemptionProblem(quote, 1000)).toBe('at most 999 points can pay for this basket');
  });

  it('when fewer points than the minimum could be used, then none can', () => {
    const quote = quoteRedemption(rules, { available: 99, basketTotal: 10_000 });
    expect(quote).toMatchObject({ maxPoints: 0, limitedBy: 'minimum_points' });
    expect(redemptionProblem(quote, 99)).toBe('at least 100 points must be redeemed at once');
  });

  it('when a point is worth several cents, then the amount follows', () => {
    const quote = quoteRedemption({ ...rules, pointValue: 5 }, { available: 1000, basketTotal: 1000 });
    expect(quote).toMatchObject({ maxPoints: 100, maxAmount: 500 });
  });
});
