import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsPaid } from './amounts-paid.js';
import { discountedSale, exampleSale, line, saleOf } from './program-fixtures.js';

const lines = (...totals: number[]) => totals.map((total, index) => line(String(index + 1), total));

describe('amounts paid per line', () => {
  it('when the sale has no basket discount, then each line was paid its total', () => {
    expect(amountsPaid(saleOf([line('1', 1999), line('2', 0), line('3', 500)]))).toEqual([1999, 0, 500]);
  });

  it("when the contract's example sale is read, then WELCOME5's 5.00 EUR is shared 2.53 + 2.47", () => {
    // 500 × 8091/15991 = 252.986 and 500 × 7900/15991 = 247.014: floors 252 + 247, the cent left to line 1.
    expect(amountsPaid(exampleSale())).toEqual([8091 - 253, 7900 - 247]);
  });

  it('when the figures are ones the contract refuses (a discount above the subtotal, a negative amount), then no line is below 0 and nothing throws', () => {
    expect(amountsPaid(discountedSale(lines(300, 100), 1000))).toEqual([0, 0]);
    expect(amountsPaid(discountedSale(lines(0, 0), 100))).toEqual([0, 0]);
    expect(amountsPaid(discountedSale(lines(-100, 400), 100))).toEqual([0, 300]);
    expect(amountsPaid(discountedSale(lines(400), -100))).toEqual([400]);
  });

  it('when any discount up to the subtotal is shared, then each line keeps between 0 and its total and the amounts add up to the total paid', () => {
    const sale = fc
      .array(fc.nat({ max: 500_000 }), { minLength: 1, maxLength: 20 })
      .chain((totals) =>
        fc
          .integer({ min: 0, max: totals.reduce((a, b) => a + b, 0) })
          .map((discount) => discountedSale(lines(...totals), discount)),
      );
    fc.assert(
      fc.property(sale, (s) => {
        const paid = amountsPaid(s);
        expect(paid.reduce((a, b) => a + b, 0)).toBe(s.totals.total);
        paid.forEach((amount, index) => {
          expect(amount).toBeGreaterThanOrEqual(0);
          expect(amount).toBeLessThanOrEqual(s.lines[index]?.total ?? 0);
        });
      }),
    );
  });
});
