import { describe, expect, it } from 'vitest';
import { checkReturnAgainstSale } from './return-rules.js';
import { docReturn, docSale, oneLineSale } from './test-fixtures.js';
import type { PosReturn } from './transaction-schema.js';

function returnOf(quantity: number, transactionId: string, originalLineId = '2'): PosReturn {
  const tx = docReturn();
  return { ...tx, transactionId, lines: tx.lines.map((line) => ({ ...line, quantity, originalLineId })) };
}

const pointers = (returnTx: PosReturn, previous: PosReturn[] = [], sale = docSale()) =>
  checkReturnAgainstSale(returnTx, sale, previous).map((issue) => [issue.pointer, issue.code]);

describe('rule 7: a return against its sale', () => {
  it('accepts returning one of the two shirts bought', () => {
    expect(pointers(docReturn())).toEqual([]);
  });

  it('accepts the second shirt after the first was returned', () => {
    expect(pointers(returnOf(1, 'R-2'), [returnOf(1, 'R-1')])).toEqual([]);
  });

  it('when both shirts were already returned, then the quantity is reported with what is left', () => {
    const issues = checkReturnAgainstSale(returnOf(1, 'R-3'), docSale(), [
      returnOf(1, 'R-1'),
      returnOf(1, 'R-2'),
    ]);
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[0].quantity', 'return_quantity_exceeded'],
    ]);
    expect(issues[0]?.message).toBe('expected at most 0 of line "2" (bought 2, already returned 2), got 1');
  });

  it('when the same return is delivered again, then it is not counted twice', () => {
    expect(pointers(returnOf(2, 'R-1'), [returnOf(2, 'R-1')])).toEqual([]);
  });

  it('ignores returns of other sales', () => {
    const otherSale = { ...returnOf(2, 'R-9'), originalTransactionId: 'MI-001-T03-000999' };
    expect(pointers(returnOf(2, 'R-1'), [otherSale])).toEqual([]);
  });

  it('when two lines of one return exceed a sale line together, then the line that exceeds is reported', () => {
    const tx = returnOf(1, 'R-1');
    tx.lines.push({ ...tx.lines[0]!, lineId: '2', quantity: 1.5 });
    expect(pointers(tx)).toEqual([['lines[1].quantity', 'return_quantity_exceeded']]);
  });

  it('adds weighed quantities exactly: 0.333 + 0.333 + 0.334 kg returns all of 1 kg', () => {
    const sale = oneLineSale({ quantity: 1, unitPrice: 1299, total: 1299, taxRate: '10' }, 118);
    const earlier = [returnOf(0.333, 'R-1', '1'), returnOf(0.333, 'R-2', '1')];
    expect(pointers(returnOf(0.334, 'R-3', '1'), earlier, sale)).toEqual([]);
    expect(pointers(returnOf(0.335, 'R-3', '1'), earlier, sale)).toEqual([
      ['lines[0].quantity', 'return_quantity_exceeded'],
    ]);
  });

  it('when a line names no line of the sale, then originalLineId is reported', () => {
    expect(pointers(returnOf(1, 'R-1', '9'))).toEqual([['lines[0].originalLineId', 'return_line_unknown']]);
  });

  it('when the currency or the original differ from the sale, then each is reported', () => {
    const tx = { ...docReturn(), currency: 'CHF', originalTransactionId: 'MI-001-T03-000124' };
    expect(pointers(tx)).toEqual([
      ['originalTransactionId', 'return_wrong_original'],
      ['currency', 'return_currency_mismatch'],
    ]);
  });
});
