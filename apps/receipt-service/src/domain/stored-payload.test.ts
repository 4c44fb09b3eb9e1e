import { describe, expect, it } from 'vitest';
import { docReturn, docSale } from '../test-support/pos-fixtures.js';
import { fromStoredPayload, toStoredPayload } from './stored-payload.js';

describe('stored payload', () => {
  it('leaves the customer out and stores variants as name/value pairs', () => {
    const stored = toStoredPayload(docSale());
    expect(stored).not.toHaveProperty('customer');
    expect(stored.lines[0]?.variant).toEqual([
      { name: 'size', value: 'M' },
      { name: 'color', value: 'blu' },
    ]);
  });

  it('reads back as the payload without its customer, variant names with dots and dollars included', () => {
    const sale = docSale();
    sale.lines[0] = { ...sale.lines[0]!, variant: { 'taglia.eu': '48', $colore: 'blu' } };
    const { customer: _customer, ...expected } = sale;
    expect(fromStoredPayload(toStoredPayload(sale))).toEqual(expected);
    expect(fromStoredPayload(toStoredPayload(docReturn()))).toEqual(docReturn());
  });
});
