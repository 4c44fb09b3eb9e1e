import { examplePosSale } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { allocate, lineTotalOf, settleBasket } from './amounts.js';

describe('basket amounts', () => {
  it('when the contract’s example basket is settled, then its VAT table and totals come out', () => {
    const sale = examplePosSale();
    expect(settleBasket(sale.lines, sale.discounts)).toEqual({ taxes: sale.taxes, totals: sale.totals });
  });

  it('when weighed goods are priced, then the amount is rounded half up exactly', () => {
    expect(lineTotalOf(0.535, 1299, [])).toBe(695);
    expect(lineTotalOf(3, 189, [{ description: 'Prendi 3 paghi 2', amount: 189 }])).toBe(378);
  });

  it('when an amount is allocated, then the parts add up and follow the weights', () => {
    expect(allocate(500, [1000, 1000, 1000])).toEqual([167, 167, 166]);
    expect(allocate(300, [2000, 1000])).toEqual([200, 100]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
  });

  it('when a basket discount spans several VAT rates, then each rate carries its share', () => {
    const lines = [
      { taxRate: '22', total: 1000 },
      { taxRate: '4', total: 3000 },
      { taxRate: '22', total: 1000 },
    ];
    const { taxes, totals } = settleBasket(lines, [{ description: 'Buono', amount: 500 }]);
    expect(taxes).toEqual([
      { rate: '22', taxable: 1800, tax: 325 },
      { rate: '4', taxable: 2700, tax: 104 },
    ]);
    expect(totals).toEqual({ subtotal: 5000, discountTotal: 500, taxTotal: 429, total: 4500 });
  });
});
