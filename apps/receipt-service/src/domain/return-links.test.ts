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
});
