import { describe, expect, it } from 'vitest';
import { evaluateEarn } from './earning.js';
import {
  campaign,
  discountedSale,
  exampleSale,
  gold,
  line,
  member,
  programVersion,
  saleOf,
  withCampaigns,
  withEarning,
} from './program-fixtures.js';

const explanations = (evaluation: { lines: { explanation: string }[] }) =>
  evaluation.lines.map((l) => l.explanation);

describe('earning: the base rate and the line explanation', () => {
  it('when the contract example sale earns under the demo program, then outerwear gets AUTUNNO ×2 and every line says how', () => {
    const result = evaluateEarn(programVersion(), exampleSale(), member());
    // Basket discount 5.00 EUR over 80.91 + 79.00: 500 × 8091/15991 = 252.986, 500 × 7900/15991 = 247.014;
    // floors 252 + 247, the cent left to line 1 → paid 80.91 − 2.53 = 78.38 and 79.00 − 2.47 = 76.53.
    // 78.38 × 2 = 156.76 → 156 (78 without the campaign: AUTUNNO added 78); 76.53 → 76.
    expect(explanations(result)).toEqual([
      'line 1: 156 pts = 78.38 EUR × 1 × campaign AUTUNNO ×2',
      'line 2: 76 pts = 76.53 EUR × 1',
    ]);
    expect(result).toMatchObject({
      programVersion: 1,
      total: 232,
      byCampaign: { AUTUNNO: 78 },
      notes: ['basket discount of 5.00 EUR shared over the lines by value: points count what was paid'],
    });
    expect(result.lines.map((l) => [l.lineId, l.sku, l.quantity, l.points])).toEqual([
      ['1', 'JKT-0420-BLU-M', 1, 156],
      ['2', 'CAM-0077-BIA-40', 2, 76],
    ]);
  });

  it('when the member is Gold, then the tier multiplies every line and is shown after the campaign', () => {
    const result = evaluateEarn(programVersion(), exampleSale(), member({ tier: gold }));
    // 78.38 × 2 × 1.5 = 235.14 → 235; 76.53 × 1.5 = 114.795 → 114.
    expect(explanations(result)).toEqual([
      'line 1: 235 pts = 78.38 EUR × 1 × campaign AUTUNNO ×2 × tier GOLD ×1.5',
      'line 2: 114 pts = 76.53 EUR × 1 × tier GOLD ×1.5',
    ]);
    // 78.38 × 1.5 = 117.57 → 117 without the campaign: the campaign added 235 − 117.
    expect(result.byCampaign).toEqual({ AUTUNNO: 118 });
    expect(result.total).toBe(349);
  });

  it('when the rate is not 1, then points follow units paid × rate', () => {
    const program = programVersion(withEarning({ pointsPerUnit: 2.5 }));
    const result = evaluateEarn(program, saleOf([line('1', 1999)]), member());
    expect(explanations(result)).toEqual(['line 1: 49 pts = 19.99 EUR × 2.5']);
  });

  it('when the currency has no minor unit (JPY) or three (BHD), then units are counted with its exponent', () => {
    const yen = programVersion((c) => ({ ...withEarning({ pointsPerUnit: 0.01 })(c), currency: 'JPY' }));
    const inYen = evaluateEarn(yen, saleOf([line('1', 15_000)], { currency: 'JPY' }), member());
    expect(explanations(inYen)).toEqual(['line 1: 150 pts = 15000 JPY × 0.01']);
    const dinar = programVersion((c) => ({ ...c, currency: 'BHD' }));
    const inDinar = evaluateEarn(dinar, saleOf([line('1', 12_345)], { currency: 'BHD' }), member());
    expect(explanations(inDinar)).toEqual(['line 1: 12 pts = 12.345 BHD × 1']);
  });

  it('when a line is free (total 0), then it earns 0 and still has its line', () => {
    const result = evaluateEarn(programVersion(), saleOf([line('1', 0)]), member());
    expect(explanations(result)).toEqual(['line 1: 0 pts = 0.00 EUR × 1']);
  });
});

describe('earning: basket discounts (points count what was paid)', () => {
  it('when a basket discount is given, then every line earns on its total less its share by value, so points drop in proportion', () => {
    const lines = [line('1', 6000), line('2', 4000)];
    expect(evaluateEarn(programVersion(), saleOf(lines), member()).total).toBe(100);
    // 10% off the basket: 1000 × 6000/10000 = 600 and 1000 × 4000/10000 = 400, so 54.00 and 36.00 paid.
    const result = evaluateEarn(programVersion(), discountedSale(lines, 1000), member());
    expect(explanations(result)).toEqual([
      'line 1: 54 pts = 54.00 EUR × 1',
      'line 2: 36 pts = 36.00 EUR × 1',
    ]);
    expect(result.total).toBe(90);
    expect(result.notes).toEqual([
      'basket discount of 10.00 EUR shared over the lines by value: points count what was paid',
    ]);
  });

  it("when the discount is larger than one line's value, then that line still takes only its share and the rest falls on the others", () => {
    // 10.00 off 5.00 + 95.00: 1000 × 500/10000 = 50 and 1000 × 9500/10000 = 950 → 4.50 and 85.50 paid,
    // each rounded down on its own: 4 + 85 (not 0 + 90, as taking the discount off line 1 first would give).
    const result = evaluateEarn(
      programVersion(),
      discountedSale([line('1', 500), line('2', 9500)], 1000),
      member(),
    );
    expect(explanations(result)).toEqual(['line 1: 4 pts = 4.50 EUR × 1', 'line 2: 85 pts = 85.50 EUR × 1']);
    expect(result.total).toBe(89);
  });

  it('when the shares do not divide evenly, then the largest remainder decides (the earlier line on a tie) and the amounts add up to the total paid', () => {
    // 1.00 off three lines of 10.00: 33.33 cents each, floors 33 × 3, the cent left to line 1.
    const sale = discountedSale([line('1', 1000), line('2', 1000), line('3', 1000)], 100);
    expect(explanations(evaluateEarn(programVersion(), sale, member()))).toEqual([
      'line 1: 9 pts = 9.66 EUR × 1',
      'line 2: 9 pts = 9.67 EUR × 1',
      'line 3: 9 pts = 9.67 EUR × 1',
    ]);
  });

  it('when an excluded gift card is in the basket, then it takes its share of the discount: the other lines do not absorb it', () => {
    // 10.00 off 60.00 + 40.00: the shirt's share is 6.00 (not the whole 10.00), the gift card's 4.00.
    const sale = discountedSale(
      [line('1', 6000), line('2', 4000, { sku: 'GC-40', category: 'gift-cards' })],
      1000,
    );
    expect(explanations(evaluateEarn(programVersion(), sale, member()))).toEqual([
      'line 1: 54 pts = 54.00 EUR × 1',
      'line 2: 0 pts, category gift-cards is excluded',
    ]);
  });

  it('when a line is free, then it takes no share of the basket discount', () => {
    const result = evaluateEarn(
      programVersion(),
      discountedSale([line('1', 2000), line('2', 0)], 500),
      member(),
    );
    expect(explanations(result)).toEqual(['line 1: 15 pts = 15.00 EUR × 1', 'line 2: 0 pts = 0.00 EUR × 1']);
  });

  it('when a bonus is shared over discounted lines, then it is shared by the amounts paid, not by list value', () => {
    const program = programVersion(
      withCampaigns(campaign({ code: 'NEGOZIO', reward: { kind: 'bonus', points: 20 } })),
    );
    // 5.00 off 12.60 + 11.40: quotas 262.5 and 237.5 cents, the tie's cent to line 1 → paid 9.97 and 9.03.
    // Bonus 20 by paid: 20 × 997/1900 = 10.494 and 20 × 903/1900 = 9.505 → 10 + 9, the point left to line 2
    // (the larger remainder) → 10 + 10. By list value it would be 10.5 and 9.5 → 11 + 9.
    const result = evaluateEarn(program, discountedSale([line('1', 1260), line('2', 1140)], 500), member());
    expect(explanations(result)).toEqual([
      'line 1: 19 pts = 9.97 EUR × 1 = 9 + bonus NEGOZIO 10',
      'line 2: 19 pts = 9.03 EUR × 1 = 9 + bonus NEGOZIO 10',
    ]);
  });
});

describe('earning: rounding', () => {
  const at = (rounding: 'down' | 'nearest' | 'up', total: number, rate = 1) =>
    evaluateEarn(
      programVersion(withEarning({ rounding, pointsPerUnit: rate })),
      saleOf([line('1', total)]),
      member(),
    ).total;

  it('when 80.91 EUR earns at 1 pt/EUR, then down gives 80, nearest 81, up 81', () => {
    expect([at('down', 8091), at('nearest', 8091), at('up', 8091)]).toEqual([80, 81, 81]);
  });

  it('when the fraction is below a half, then nearest rounds down and up rounds up', () => {
    expect([at('down', 8049), at('nearest', 8049), at('up', 8049)]).toEqual([80, 80, 81]);
    expect(at('nearest', 8050)).toBe(81);
  });

  it('when decimal factors leave float noise (100 × 1.1 = 110.00000000000001), then up does not add a point', () => {
    expect(at('up', 10_000, 1.1)).toBe(110);
    expect(at('down', 7900, 1.1)).toBe(86);
    expect(at('up', 7900, 1.1)).toBe(87);
  });

  it('when every line is rounded on its own, then the total is the sum of the rounded lines', () => {
    const result = evaluateEarn(
      programVersion(),
      saleOf([line('1', 150), line('2', 150), line('3', 150)]),
      member(),
    );
    expect(result.lines.map((l) => l.points)).toEqual([1, 1, 1]);
    expect(result.total).toBe(3);
  });
});

describe('earning: exclusions and multipliers', () => {
  it('when a line is a gift card (excluded category) or an excluded SKU, then it earns 0 and says why', () => {
    const program = programVersion(
      withEarning({ excluded: { skus: ['BAG-001'], categories: ['gift-cards'] } }),
    );
    const sale = saleOf([
      line('1', 5000),
      line('2', 5000, { sku: 'GC-50', category: 'gift-cards' }),
      line('3', 100, { sku: 'BAG-001', category: null }),
    ]);
    const result = evaluateEarn(program, sale, member());
    expect(explanations(result)).toEqual([
      'line 1: 50 pts = 50.00 EUR × 1',
      'line 2: 0 pts, category gift-cards is excluded',
      'line 3: 0 pts, SKU BAG-001 is excluded',
    ]);
    expect(result.total).toBe(50);
  });

  it('when an excluded line is also selected by a campaign and a multiplier, then the exclusion wins', () => {
    const program = programVersion((c) =>
      withCampaigns(campaign({ code: 'ALL3', reward: { kind: 'multiplier', factor: 3 } }))(
        withEarning({
          excluded: { skus: [], categories: ['gift-cards'] },
          multipliers: { categories: [{ category: 'gift-cards', factor: 5 }], skus: [] },
        })(c),
      ),
    );
    const result = evaluateEarn(program, saleOf([line('1', 5000, { category: 'gift-cards' })]), member());
    expect(result.total).toBe(0);
    expect(result.byCampaign).toEqual({});
  });

  it('when a line has both a SKU and a category multiplier, then the SKU one applies', () => {
    const program = programVersion(
      withEarning({
        multipliers: {
          categories: [{ category: 'shirts', factor: 1.5 }],
          skus: [{ sku: 'CAM-1', factor: 3 }],
        },
      }),
    );
    const result = evaluateEarn(
      program,
      saleOf([line('1', 1000, { sku: 'CAM-1' }), line('2', 1000)]),
      member(),
    );
    expect(explanations(result)).toEqual([
      'line 1: 30 pts = 10.00 EUR × 1 × SKU CAM-1 ×3',
      'line 2: 15 pts = 10.00 EUR × 1 × category shirts ×1.5',
    ]);
  });

  it('when a line has no category, then only a SKU multiplier can apply to it', () => {
    const program = programVersion(
      withEarning({ multipliers: { categories: [{ category: 'shirts', factor: 2 }], skus: [] } }),
    );
    expect(evaluateEarn(program, saleOf([line('1', 1000, { category: null })]), member()).total).toBe(10);
  });
});

describe('earning: the whole sale earns nothing', () => {
  it('when the basket total is below the minimum, then every line earns 0 and a note says so', () => {
    const program = programVersion(withEarning({ minimumBasket: 2000 }));
    const result = evaluateEarn(program, saleOf([line('1', 1999)]), member({ firstPurchase: true }));
    expect(result.total).toBe(0);
    expect(explanations(result)).toEqual([
      'line 1: 0 pts, the basket (19.99 EUR) is below the minimum of 20.00 EUR',
    ]);
    expect(result.notes).toEqual(['no points: the basket (19.99 EUR) is below the minimum of 20.00 EUR']);
  });

  it('when the basket total is exactly the minimum, then it earns', () => {
    const program = programVersion(withEarning({ minimumBasket: 2000 }));
    expect(evaluateEarn(program, saleOf([line('1', 2000)]), member()).total).toBe(20);
  });

  it('when basket discounts bring the sale total below the minimum, then it earns nothing even if lines add up above it', () => {
    const program = programVersion(withEarning({ minimumBasket: 2000 }));
    const sale = saleOf([line('1', 2100)], {
      totals: { subtotal: 2100, discountTotal: 500, taxTotal: 0, total: 1600 },
    });
    expect(evaluateEarn(program, sale, member()).total).toBe(0);
  });

  it('when the sale is a return, then it earns nothing here', () => {
    const result = evaluateEarn(programVersion(), { ...exampleSale(), type: 'return' }, member());
    expect(result.total).toBe(0);
    expect(result.lines[0]?.explanation).toBe(
      "line 1: 0 pts, a return earns nothing (the ledger reverses the sale's points)",
    );
  });

  it('when the sale is in another currency than the program, then it earns nothing', () => {
    const result = evaluateEarn(programVersion(), saleOf([line('1', 5000)], { currency: 'USD' }), member());
    expect(result.total).toBe(0);
    expect(result.notes).toEqual(['no points: the sale is in USD and the program counts EUR']);
  });
});
