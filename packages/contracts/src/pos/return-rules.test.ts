import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmount } from './line-rules.js';
import { checkReturnAgainstSale, refundCap } from './return-rules.js';
import { docReturn, docSale, oneLineSale } from './test-fixtures.js';
import type { PosReturn } from './transaction-schema.js';

/** A return of `quantity` of a sale line, refunding its full price for that quantity unless told. */
function returnOf(
  quantity: number,
  transactionId: string,
  originalLineId = '2',
  { unitPrice = 3950, total }: { unitPrice?: number; total?: number } = {},
): PosReturn {
  const tx = docReturn();
  const refund = total ?? Number(lineAmount(quantity, unitPrice));
  return {
    ...tx,
    transactionId,
    lines: tx.lines.map((line) => ({ ...line, quantity, originalLineId, unitPrice, total: refund })),
  };
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
    const kg = (quantity: number, id: string, total?: number) =>
      returnOf(quantity, id, '1', { unitPrice: 1299, ...(total !== undefined && { total }) });
    const earlier = [kg(0.333, 'R-1'), kg(0.333, 'R-2')];
    // 433 + 433 refunded; 0.334 kg at list price is 434, one cent over the 1299 charged: the rest is 433.
    expect(pointers(kg(0.334, 'R-3', 433), earlier, sale)).toEqual([]);
    expect(pointers(kg(0.334, 'R-3'), earlier, sale)).toEqual([['lines[0].total', 'return_amount_exceeded']]);
    expect(pointers(kg(0.335, 'R-3', 0), earlier, sale)).toEqual([
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

describe('rule 7: a return refunds no more than the line charged', () => {
  // Line 1 of the example sale: one jacket at 89.90 with 8.99 off, charged 80.91.
  const jacket = (total: number, transactionId = 'R-1') =>
    returnOf(1, transactionId, '1', { unitPrice: 8990, total });

  it('when a return line refunds the line price without its discount, then its total is refused with what is allowed', () => {
    const issues = checkReturnAgainstSale(jacket(8990), docSale(), []);
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[0].total', 'return_amount_exceeded'],
    ]);
    expect(issues[0]?.message).toBe(
      'expected at most 8091: line "1" charged 8091 for 1, 1 of it returned in all and 0 already refunded; got 8990',
    );
    expect(pointers(jacket(8091))).toEqual([]);
  });

  it('when 50.00 is refunded for a line sold at 10.00, then it is refused', () => {
    const sale = oneLineSale({ quantity: 1, unitPrice: 1000, total: 1000, taxRate: '22' }, 180);
    const refund = returnOf(1, 'R-1', '1', { unitPrice: 5000 });
    expect(pointers(refund, [], sale)).toEqual([['lines[0].total', 'return_amount_exceeded']]);
  });

  it('caps a partial return pro rata, rounded up on the running quantity', () => {
    const sale = oneLineSale({ quantity: 3, unitPrice: 334, total: 1000, taxRate: '0' }, 0);
    sale.lines[0]!.discounts = [{ description: 'Tre per dieci', amount: 2 }];
    const unit = (total: number, id: string) => returnOf(1, id, '1', { unitPrice: 334, total });
    expect(pointers(unit(334, 'R-1'), [], sale)).toEqual([]);
    expect(pointers(unit(335, 'R-1'), [], sale)).toEqual([['lines[0].total', 'return_amount_exceeded']]);
    expect(pointers(unit(334, 'R-2'), [unit(334, 'R-1')], sale)).toEqual([
      ['lines[0].total', 'return_amount_exceeded'],
    ]);
    expect(pointers(unit(333, 'R-2'), [unit(334, 'R-1')], sale)).toEqual([]);
  });

  it('sums earlier returns and the lines of this one', () => {
    const sale = oneLineSale({ quantity: 2, unitPrice: 1000, total: 2000, taxRate: '0' }, 0);
    const two = returnOf(1, 'R-2', '1', { unitPrice: 1000 });
    two.lines.push({ ...two.lines[0]!, lineId: '2', total: 1001 });
    expect(pointers(two, [], sale)).toEqual([['lines[1].total', 'return_amount_exceeded']]);
  });

  it('refundCap: returning every unit one at a time, each refunding its cap, refunds exactly the line total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (units, total) => {
          const line = { quantity: units, total };
          let refunded = 0n;
          for (let returned = 1; returned <= units; returned++) {
            const share = refundCap(line, BigInt(returned) * 1000n) - refunded;
            expect(share).toBeGreaterThanOrEqual(0n);
            refunded += share;
          }
          expect(refunded).toBe(BigInt(total));
          expect(refundCap(line, BigInt(units + 1) * 1000n)).toBe(BigInt(total));
        },
      ),
    );
  });
});
