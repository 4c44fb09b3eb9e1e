import { describe, expect, it } from 'vitest';
import { docReturn, docSale, issuesOf, pointersOf } from './test-fixtures.js';

describe('rule 3: payments', () => {
  it('card plus cash with change pays the total of the design document', () => {
    expect(pointersOf(docSale())).toEqual([]);
  });

  it('a refund pays out the total of a return', () => {
    expect(pointersOf(docReturn())).toEqual([]);
  });

  it('when the payments do not cover the total, then the payments are reported with both sums', () => {
    const sale = docSale();
    sale.payments[1] = { method: 'cash', amount: 6000, change: 500 };
    const issues = issuesOf(sale);
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([['payments', 'payments_mismatch']]);
    expect(issues[0]?.message).toBe(
      'expected Σ amount − Σ change = 15491 (totals.total), got 16000 − 500 = 15500',
    );
  });

  it('when change is given on a card payment, then that change is reported', () => {
    const sale = docSale();
    sale.payments = [
      { method: 'card', amount: 10000, change: 100 },
      { method: 'cash', amount: 6000, change: 409 },
    ];
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['payments[0].change', 'change_not_cash'],
    ]);
  });

  it('accepts a zero change on any payment', () => {
    const sale = docSale();
    sale.payments[0] = { method: 'card', amount: 10000, cardBrand: 'visa', last4: '4242', change: 0 };
    expect(pointersOf(sale)).toEqual([]);
  });

  it('when the change exceeds the cash tendered, then that change is reported', () => {
    const sale = docSale();
    sale.payments = [
      { method: 'card', amount: 15591 },
      { method: 'cash', amount: 100, change: 200 },
    ];
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['payments[1].change', 'change_exceeds_amount'],
    ]);
  });
});
