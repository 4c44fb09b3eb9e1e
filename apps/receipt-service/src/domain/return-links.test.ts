import { describe, expect, it } from 'vitest';
import { docReturn, docSale } from '../test-support/pos-fixtures.js';
import { checkReturnAgainstLinks, findOwnLink, returnLinkOf } from './return-links.js';

describe('return links', () => {
  it('when earlier returns already took the quantity, then another return of it is refused', () => {
    const first = { ...docReturn(), transactionId: 'R-1' };
    const second = { ...docReturn(), transactionId: 'R-2' };
    const third = { ...docReturn(), transactionId: 'R-3' };
    const links = [returnLinkOf(first, 'h1'), returnLinkOf(second, 'h2')];
    expect(checkReturnAgainstLinks(second, docSale(), links.slice(0, 1))).toEqual([]);
    expect(checkReturnAgainstLinks(third, docSale(), links)).toMatchObject([
      { pointer: 'lines[0].quantity', code: 'return_quantity_exceeded' },
    ]);
  });

  it('a retried return is not counted against itself', () => {
    const links = [returnLinkOf(docReturn(), 'h1')];
    expect(findOwnLink(links, docReturn())?.requestHash).toBe('h1');
    expect(checkReturnAgainstLinks(docReturn(), docSale(), links)).toEqual([]);
  });

  it('when earlier returns already refunded the line, then another refund of it is refused by its total', () => {
    // The example return refunds one of the two shirts sold at 39.50 each: 3950.
    const first = { ...docReturn(), transactionId: 'R-1' };
    const overpaid = { ...docReturn(), transactionId: 'R-2' };
    overpaid.lines = [{ ...overpaid.lines[0]!, unitPrice: 3951, total: 3951 }];
    expect(checkReturnAgainstLinks(overpaid, docSale(), [returnLinkOf(first, 'h1')])).toMatchObject([
      { pointer: 'lines[0].total', code: 'return_amount_exceeded' },
    ]);
    expect(returnLinkOf(first, 'h1').lines).toEqual([{ originalLineId: '2', quantity: 1, total: 3950 }]);
  });

  it('counts a link stored without totals as having refunded its full share', () => {
    const legacy = { ...returnLinkOf({ ...docReturn(), transactionId: 'R-1' }, 'h1') };
    legacy.lines = legacy.lines.map(({ originalLineId, quantity }) => ({ originalLineId, quantity }));
    const second = { ...docReturn(), transactionId: 'R-2' };
    expect(checkReturnAgainstLinks(second, docSale(), [legacy])).toEqual([]);
    second.lines = [{ ...second.lines[0]!, unitPrice: 3951, total: 3951 }];
    expect(checkReturnAgainstLinks(second, docSale(), [legacy])).toMatchObject([
      { code: 'return_amount_exceeded' },
    ]);
  });
});
