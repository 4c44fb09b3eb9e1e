import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEarn } from './earning.js';
import type { MemberEarningContext, SaleForEarning } from './earning-contract.js';
import { programConfigSchema, type Campaign, type ProgramVersion } from './program-config.js';
import { programVersion } from './program-fixtures.js';

const skus = ['A', 'B', 'C', 'D', 'GC'];
const categories = ['shirts', 'shoes', 'outerwear', 'gift-cards'];
const saleAt = Date.parse('2026-11-22T09:15:30Z');
const factor = fc.constantFrom(0.5, 1, 1.1, 1.25, 1.5, 2, 3);
const someOf = <T>(pool: readonly T[]) => fc.subarray([...pool]);

const condition: fc.Arbitrary<Campaign['condition']> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.constant({ kind: 'firstPurchase' as const }),
  fc.record({
    kind: fc.constant('category' as const),
    categories: someOf(categories).filter((c) => c.length > 0),
  }),
  fc.record({ kind: fc.constant('sku' as const), skus: someOf(skus).filter((s) => s.length > 0) }),
);
const reward: fc.Arbitrary<Campaign['reward']> = fc.oneof(
  fc.record({ kind: fc.constant('multiplier' as const), factor }),
  fc.record({ kind: fc.constant('bonus' as const), points: fc.integer({ min: 1, max: 5000 }) }),
);
const campaignAt = (index: number) =>
  fc
    .record({
      // Windows from two days before to two days after the sale, so some hold it and some do not.
      startHours: fc.integer({ min: -48, max: 48 }),
      hours: fc.integer({ min: 1, max: 96 }),
      storeIds: fc.constantFrom<string[]>([], ['MI-001'], ['RM-002']),
      condition,
      reward,
    })
    .map(({ startHours, hours, ...rest }): Campaign => ({
      code: `C${index}`,
      name: `campaign ${index}`,
      startsAt: new Date(saleAt + startHours * 3_600_000).toISOString(),
      endsAt: new Date(saleAt + (startHours + hours) * 3_600_000).toISOString(),
      ...rest,
    }));

const program: fc.Arbitrary<ProgramVersion> = fc
  .record({
    pointsPerUnit: fc.constantFrom(0.01, 0.5, 1, 1.1, 2.5, 10),
    rounding: fc.constantFrom('down' as const, 'nearest' as const, 'up' as const),
    minimumBasket: fc.constantFrom(0, 0, 1000, 5000),
    excludedSkus: someOf(skus),
    excludedCategories: someOf(categories),
    skuFactors: someOf(skus).chain((chosen) =>
      fc.tuple(...chosen.map((sku) => factor.map((f) => ({ sku, factor: f })))),
    ),
    categoryFactors: someOf(categories).chain((chosen) =>
      fc.tuple(...chosen.map((category) => factor.map((f) => ({ category, factor: f })))),
    ),
    perDay: fc.option(fc.integer({ min: 1, max: 2000 })),
    perMonth: fc.option(fc.integer({ min: 1, max: 10_000 })),
    campaigns: fc
      .integer({ min: 0, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => campaignAt(i)))),
  })
  .map((p) =>
    programVersion((config) =>
      programConfigSchema.parse({
        ...config,
        earning: {
          pointsPerUnit: p.pointsPerUnit,
          rounding: p.rounding,
          minimumBasket: p.minimumBasket,
          excluded: { skus: p.excludedSkus, categories: p.excludedCategories },
          multipliers: { skus: p.skuFactors, categories: p.categoryFactors },
          caps: { perDay: p.perDay, perMonth: p.perMonth },
        },
        campaigns: p.campaigns,
      }),
    ),
  );

const sale: fc.Arbitrary<SaleForEarning> = fc
  .record({
    storeId: fc.constantFrom('MI-001', 'RM-002'),
    lines: fc.array(
      fc.record({
        sku: fc.constantFrom(...skus),
        category: fc.option(fc.constantFrom(...categories)),
        quantity: fc.constantFrom(1, 2, 0.535),
        total: fc.nat({ max: 500_000 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .chain(({ storeId, lines }) => {
    const subtotal = lines.reduce((sum, l) => sum + l.total, 0);
    // Half the sales without a basket discount, the others with any the contract accepts (≤ subtotal).
    const discount = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: subtotal }));
    return discount.map((discountTotal) => ({
      id: 'txn_p',
      storeId,
      occurredAt: new Date(saleAt).toISOString(),
      currency: 'EUR',
      totals: { subtotal, discountTotal, taxTotal: 0, total: subtotal - discountTotal },
      lines: lines.map((l, i) => ({ ...l, lineId: String(i + 1), unitPrice: l.total, originalLineId: null })),
    }));
  });

const member: fc.Arbitrary<MemberEarningContext> = fc.record({
  tier: fc.constantFrom(
    { code: 'BRONZE', multiplier: 1 },
    { code: 'SILVER', multiplier: 1.25 },
    { code: 'GOLD', multiplier: 1.5 },
  ),
  earnedToday: fc.nat({ max: 3000 }),
  earnedThisMonth: fc.nat({ max: 12_000 }),
  firstPurchase: fc.boolean(),
});

const excluded = (p: ProgramVersion, line: SaleForEarning['lines'][number]) =>
  p.config.earning.excluded.skus.includes(line.sku) ||
  (line.category !== null && p.config.earning.excluded.categories.includes(line.category));

describe('earning rules: properties over any program, sale and member', () => {
  it('when any sale is evaluated, then the total is the sum of the lines, each a whole number of points ≥ 0, one per sale line', () => {
    fc.assert(
      fc.property(program, sale, member, (p, s, m) => {
        const result = evaluateEarn(p, s, m);
        expect(result.lines.map((l) => l.lineId)).toEqual(s.lines.map((l) => l.lineId));
        expect(result.total).toBe(result.lines.reduce((sum, l) => sum + l.points, 0));
        for (const l of result.lines) {
          expect(Number.isSafeInteger(l.points)).toBe(true);
          expect(l.points).toBeGreaterThanOrEqual(0);
          expect(l.explanation.startsWith(`line ${l.lineId}: ${l.points} pts`)).toBe(true);
        }
      }),
    );
  });

  it('when a line is excluded by SKU or category, then it earns 0 whatever campaigns run', () => {
    fc.assert(
      fc.property(program, sale, member, (p, s, m) => {
        const result = evaluateEarn(p, s, m);
        s.lines.forEach((l, i) => {
          if (excluded(p, l)) expect(result.lines[i]?.points).toBe(0);
        });
      }),
    );
  });

  it('when caps are set, then the sale never gives more than the room the member has left', () => {
    fc.assert(
      fc.property(program, sale, member, (p, s, m) => {
        const { perDay, perMonth } = p.config.earning.caps;
        const total = evaluateEarn(p, s, m).total;
        if (perDay !== null) expect(total).toBeLessThanOrEqual(Math.max(0, perDay - m.earnedToday));
        if (perMonth !== null) expect(total).toBeLessThanOrEqual(Math.max(0, perMonth - m.earnedThisMonth));
      }),
    );
  });

  it('when caps are added to a program, then no line earns more than without them', () => {
    fc.assert(
      fc.property(program, sale, member, (p, s, m) => {
        const uncapped: ProgramVersion = {
          ...p,
          config: { ...p.config, earning: { ...p.config.earning, caps: { perDay: null, perMonth: null } } },
        };
        const withCaps = evaluateEarn(p, s, m).lines;
        evaluateEarn(uncapped, s, m).lines.forEach((l, i) =>
          expect(withCaps[i]?.points).toBeLessThanOrEqual(l.points),
        );
      }),
    );
  });

  it('when a sale has a basket discount, then it never earns more than the same lines without it', () => {
    fc.assert(
      fc.property(program, sale, member, (p, s, m) => {
        const undiscounted: SaleForEarning = {
          ...s,
          totals: { ...s.totals, discountTotal: 0, total: s.totals.subtotal },
        };
        expect(evaluateEarn(p, s, m).total).toBeLessThanOrEqual(evaluateEarn(p, undiscounted, m).total);
      }),
    );
  });

  it('when the same inputs are evaluated twice (even as copies), then the answers are identical', () => {
    fc.assert(
      fc.property(program, sale, member, (p, s, m) => {
        expect(evaluateEarn(structuredClone(p), structuredClone(s), structuredClone(m))).toEqual(
          evaluateEarn(p, s, m),
        );
      }),
    );
  });
});
