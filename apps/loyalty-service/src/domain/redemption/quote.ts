import type { ProgramConfig } from '../program/program-config.js';

export interface RedemptionQuote {
  available: number;
  /** The most points this basket can take (0 when below the program's minimum). */
  maxPoints: number;
  /** What `maxPoints` pay, in minor units of the basket's currency. */
  maxAmount: number;
  pointValue: number;
  minimumPoints: number;
  /** Why `maxPoints` is what it is, for the till's screen. */
  limitedBy: 'balance' | 'basket_share' | 'minimum_points';
}

/**
 * How many points can pay how much of a basket: at most the available points, at most
 * `maxShareOfBasket` of the basket total (whole points only, so never more than the share), and
 * nothing when that comes to less than `minimumPoints`.
 */
export function quoteRedemption(
  rules: ProgramConfig['redemption'],
  input: { available: number; basketTotal: number },
): RedemptionQuote {
  // The epsilon keeps 0.29 × 100 from flooring to 28.
  const byBasket = Math.floor((input.basketTotal * rules.maxShareOfBasket) / rules.pointValue + 1e-9);
  const limitedBy = input.available <= byBasket ? 'balance' : 'basket_share';
  const points = Math.max(0, Math.min(input.available, byBasket));
  const below = points < rules.minimumPoints || points === 0;
  const maxPoints = below ? 0 : points;
  return {
    available: input.available,
    maxPoints,
    maxAmount: maxPoints * rules.pointValue,
    pointValue: rules.pointValue,
    minimumPoints: rules.minimumPoints,
    limitedBy: below ? 'minimum_points' : limitedBy,
  };
}

/** Why `points` cannot be held for this basket, or null when they can. */
export function redemptionProblem(quote: RedemptionQuote, points: number): string | null {
  if (points < quote.minimumPoints) return `at least ${quote.minimumPoints} points must be redeemed at once`;
  if (points > quote.maxPoints)
    return quote.limitedBy === 'basket_share'
      ? `at most ${quote.maxPoints} points can pay for this basket`
      : `at most ${quote.maxPoints} points are available`;
  return null;
}
