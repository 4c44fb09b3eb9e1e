import { describe, expect, it } from 'vitest';
import { expectedLineTotal, lineAmount } from './line-rules.js';
import { docSale, issuesOf, oneLineSale, pointersOf } from './test-fixtures.js';

describe('rule 1: line totals', () => {
  it('the lines of the design document add up', () => {
    const [jacket, shirts] = docSale().lines;
    expect(jacket && expectedLineTotal(jacket)).toBe(8091n);
    expect(shirts && expectedLineTotal(shirts)).toBe(7900n);
    expect(pointersOf(docSale())).toEqual([]);
  });

  it('rounds weighed goods half up: 0.535 kg × 12.99 € = 6.94965 € → 6.95 €', () => {
    expect(lineAmount(0.535, 1299)).toBe(695n);
    expect(lineAmount(0.5, 1299)).toBe(650n);
    expect(
      pointersOf(oneLineSale({ quantity: 0.535, unitPrice: 1299, total: 695, taxRate: '10' }, 63)),
    ).toEqual([]);
  });

  it('when a weighed line is truncated instead of rounded, then its total is reported', () => {
    const issues = issuesOf(oneLineSale({ quantity: 0.535, unitPrice: 1299, total: 694, taxRate: '10' }, 63));
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[0].total', 'line_total_mismatch'],
    ]);
    expect(issues[0]?.path).toEqual(['lines', 0, 'total']);
    expect(issues[0]?.message).toContain('expected 695');
    expect(issues[0]?.message).toContain('got 694');
  });

  it('when the total does not match quantity × unit price, then that line total is reported', () => {
    const sale = docSale();
    sale.lines[1] = { ...sale.lines[1]!, unitPrice: 3900 };
    expect(pointersOf(sale)).toEqual(['lines[1].total']);
  });

  it('when discounts exceed the line amount, then the line total is reported as negative', () => {
    const sale = oneLineSale({ quantity: 1, unitPrice: 50, total: 0, taxRate: '22' }, 0);
    sale.lines[0] = { ...sale.lines[0]!, discounts: [{ description: 'Omaggio', amount: 100 }] };
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[0].total', 'line_total_negative'],
    ]);
  });
});

describe('rule 5: line ids', () => {
  it('when two lines share a lineId, then the second one is reported', () => {
    const sale = docSale();
    sale.lines[1] = { ...sale.lines[1]!, lineId: '1' };
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[1].lineId', 'duplicate_line_id'],
    ]);
  });
});
