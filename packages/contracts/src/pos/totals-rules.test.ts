import { describe, expect, it } from 'vitest';
import { docSale, issuesOf, pointersOf } from './test-fixtures.js';

describe('rule 2: basket totals', () => {
  it('the totals of the design document add up', () => {
    expect(pointersOf(docSale())).toEqual([]);
  });

  it('when the subtotal is not the sum of the line totals, then it and the total it implies are reported', () => {
    const sale = docSale();
    sale.totals.subtotal = 15990;
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['totals.subtotal', 'subtotal_mismatch'],
      ['totals.total', 'total_mismatch'],
    ]);
  });

  it('when the discount total is not the sum of the basket discounts, then it is reported', () => {
    const sale = docSale();
    sale.discounts = [
      { description: 'Benvenuto', amount: 400 },
      { description: 'Fedeltà', amount: 100 },
    ];
    expect(pointersOf(sale)).toEqual([]);
    sale.discounts = [{ description: 'Benvenuto', amount: 400 }];
    expect(pointersOf(sale)).toEqual(['totals.discountTotal']);
  });

  it('when the total is off, then the payments and taxes that must match it are reported too', () => {
    const sale = docSale();
    sale.totals.total = 15490;
    const issues = issuesOf(sale);
    expect(issues.map((issue) => issue.pointer)).toEqual(['totals.total', 'payments', 'taxes']);
    expect(issues[0]?.message).toBe('expected 15491 (subtotal − discountTotal), got 15490');
  });

  it('when basket discounts exceed the subtotal, then the total is reported as negative', () => {
    const sale = docSale();
    sale.discounts = [{ description: 'Troppo', amount: 16000 }];
    sale.totals = { subtotal: 15991, discountTotal: 16000, taxTotal: 0, total: 0 };
    sale.taxes = [{ rate: '22', taxable: 0, tax: 0 }];
    sale.payments = [];
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['totals.total', 'total_negative'],
    ]);
  });
});
