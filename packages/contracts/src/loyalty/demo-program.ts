import type { ProgramConfig } from './program-config.js';

/**
 * The loyalty program the local stack, the simulator's demo and the examples start with: 1 point per euro paid, rounded down,
 * gift cards excluded (they are money, not a purchase), double points on outerwear for the autumn
 * of 2026, points pending for the 14-day return window and living 24 months, three tiers.
 */
export const demoProgramConfig: ProgramConfig = {
  currency: 'EUR',
  earning: {
    pointsPerUnit: 1,
    rounding: 'down',
    minimumBasket: 0,
    excluded: { skus: [], categories: ['gift-cards'] },
    multipliers: { categories: [], skus: [] },
    caps: { perDay: null, perMonth: null },
  },
  campaigns: [
    {
      code: 'AUTUNNO',
      name: 'Autumn: double points on outerwear',
      startsAt: '2026-09-01T00:00:00+02:00',
      endsAt: '2026-12-01T00:00:00+01:00',
      storeIds: [],
      condition: { kind: 'category', categories: ['outerwear'] },
      reward: { kind: 'multiplier', factor: 2 },
    },
  ],
  ledger: {
    pendingDays: 14,
    expiry: { kind: 'monthsAfterEarning', months: 24 },
    spentPointsOnReturn: 'recover',
    retroClaimDays: 30,
  },
  tiers: {
    basis: 'points',
    windowMonths: 12,
    gracePeriodDays: 90,
    levels: [
      { code: 'BRONZE', name: 'Bronze', threshold: 0, multiplier: 1 },
      { code: 'SILVER', name: 'Silver', threshold: 500, multiplier: 1.25 },
      { code: 'GOLD', name: 'Gold', threshold: 2000, multiplier: 1.5 },
    ],
  },
  redemption: { pointValue: 1, minimumPoints: 100, maxShareOfBasket: 0.5, holdMinutes: 15 },
};
