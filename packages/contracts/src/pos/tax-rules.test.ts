import { describe, expect, it } from 'vitest';
import { expectedTax } from './tax-rules.js';
import { docSale, issuesOf, oneLineSale, pointersOf } from './test-fixtures.js';

describe('rule 4: taxes', () => {
  it('computes VAT inside gross amounts exactly, decimal rates included', () => {
    expect(expectedTax(15491, '22')).toBe(2793n); // 340802 / 122 = 2793.459…
    expect(expectedTax(1055, '5.5')).toBe(55n); // exactly 55: no float error
    expect(expectedTax(1000, '5.5')).toBe(52n);
    expect(expectedTax(13, '4')).toBe(1n); // 0.5 rounds up
    expect(expectedTax(9999, '0')).toBe(0n);
  });

  it('accepts the tax of the document example, 2793', () => {
    expect(pointersOf(docSale())).toEqual([]);
  });

  it('accepts ±1 minor unit per rate and reports more', () => {
    const withTax = (tax: number) => {
      const sale = docSale();
      sale.taxes = [{ rate: '22', taxable: 15491, tax }];
      sale.totals.taxTotal = tax;
      return sale;
    };
    expect(pointersOf(withTax(2792))).toEqual([]);
    expect(pointersOf(withTax(2794))).toEqual([]);
    const issues = issuesOf(withTax(2795));
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([['taxes[0].tax', 'tax_mismatch']]);
    expect(issues[0]?.message).toBe('expected 2793 ± 1 (round(15491 × 22 / (100 + 22))), got 2795');
  });

  it('checks a 5.5% rate exactly', () => {
    expect(
      pointersOf(oneLineSale({ quantity: 1, unitPrice: 1055, total: 1055, taxRate: '5.5' }, 55)),
    ).toEqual([]);
    expect(
      pointersOf(oneLineSale({ quantity: 1, unitPrice: 1055, total: 1055, taxRate: '5.5' }, 57)),
    ).toEqual(['taxes[0].tax']);
  });

  it('accepts a basket split over two rates', () => {
    const sale = docSale();
    sale.lines[1] = { ...sale.lines[1]!, taxRate: '10' };
    sale.taxes = [
      { rate: '22', taxable: 7838, tax: 1413 },
      { rate: '10', taxable: 7653, tax: 696 },
    ];
    sale.totals.taxTotal = 2109;
    expect(pointersOf(sale)).toEqual([]);
  });

  it('when the taxable amounts do not add up to the total, then the taxes are reported', () => {
    const sale = docSale();
    sale.taxes = [{ rate: '22', taxable: 15991, tax: 2883 }];
    sale.totals.taxTotal = 2883;
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['taxes', 'taxable_sum_mismatch'],
    ]);
  });

  it('when taxTotal is not the sum of the taxes, then taxTotal is reported', () => {
    const sale = docSale();
    sale.totals.taxTotal = 2794;
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['totals.taxTotal', 'tax_total_mismatch'],
    ]);
  });

  it('when a rate has two entries, even written differently, then the second is reported', () => {
    const sale = docSale();
    sale.taxes = [
      { rate: '22', taxable: 10000, tax: 1803 },
      { rate: '22.0', taxable: 5491, tax: 990 },
    ];
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['taxes[1].rate', 'duplicate_tax_rate'],
    ]);
  });

  it('when a line rate has no tax entry, then the line rate is reported', () => {
    const sale = docSale();
    sale.lines[1] = { ...sale.lines[1]!, taxRate: '10' };
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[1].taxRate', 'line_tax_rate_missing'],
    ]);
  });
});
