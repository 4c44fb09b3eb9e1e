import { describe, expect, it } from 'vitest';
import { findCardNumbers, holdsCardNumber, REDACTED_KEY, redactPath } from './card-numbers.js';

describe('holdsCardNumber', () => {
  it.each([
    '4111111111111111',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    'Visa 4111 1111 1111 1111 scad. 12/28',
  ])('finds the test Visa number in %j', (text) => {
    expect(holdsCardNumber(text)).toBe(true);
  });

  it('finds a card number written right after another number', () => {
    expect(holdsCardNumber('qty 2 4111 1111 1111 1111')).toBe(true);
  });

  it('flags Luhn-valid runs of 13 and 19 digits but not of 12 or 20', () => {
    expect(holdsCardNumber('4000000000006')).toBe(true);
    expect(holdsCardNumber('4000000000000000006')).toBe(true);
    expect(holdsCardNumber('400000000002')).toBe(false);
    expect(holdsCardNumber('40000000000000000002')).toBe(false);
  });

  it('accepts a 16-digit run that fails the Luhn check', () => {
    expect(holdsCardNumber('4111 1111 1111 1112')).toBe(false);
  });

  it('accepts ids, phone numbers, last4 and digit groups separated by more than one character', () => {
    for (const text of [
      'MI-001-T03-000123',
      '+39 333 123 4567',
      '4242',
      '4111  1111  1111  1111',
      '4111/1111/1111/1111',
    ]) {
      expect(holdsCardNumber(text)).toBe(false);
    }
  });

  it('ignores runs up to the given length, for fields where they mean something else', () => {
    expect(holdsCardNumber('378282246310005', 15)).toBe(false);
    expect(holdsCardNumber('4111111111111111', 15)).toBe(true);
  });
});

describe('findCardNumbers', () => {
  it('reports the path of every string or number holding a card number, without repeating it', () => {
    const issues = findCardNumbers({
      lines: [{ name: 'ok' }, { name: 'Giacca 4111 1111 1111 1111' }],
      notes: { pan: 4111111111111111 },
    });

    expect(issues.map((issue) => issue.pointer)).toEqual(['lines[1].name', 'notes.pan']);
    expect(issues.every((issue) => issue.code === 'card_number')).toBe(true);
    expect(JSON.stringify(issues)).not.toMatch(/4111|1111/);
  });

  it('reports a key holding a card number under a redacted path', () => {
    const issues = findCardNumbers({ variant: { '4111111111111111': 'x' } });

    expect(issues.map((issue) => issue.path)).toEqual([['variant', REDACTED_KEY]]);
    expect(JSON.stringify(issues)).not.toContain('4111');
  });

  it('when a Luhn-valid number is the loyalty card number or an identifier, then it is not a card number', () => {
    const luhnValid = '8001234567899';
    expect(holdsCardNumber(luhnValid)).toBe(true);
    expect(
      findCardNumbers({
        transactionId: luhnValid,
        customer: { loyaltyCardNumber: luhnValid },
        lines: [{ lineId: luhnValid, sku: luhnValid, name: luhnValid }],
      }).map((issue) => issue.pointer),
    ).toEqual(['lines[0].name']);
  });

  it('when a phone field holds a 16-digit card number, then it is flagged; up to 15 digits it is a phone', () => {
    const luhnValidPhone = '+49 1512 3456 7893';
    expect(holdsCardNumber(luhnValidPhone)).toBe(true);
    expect(findCardNumbers({ customer: { phone: luhnValidPhone } })).toEqual([]);
    expect(
      findCardNumbers({ customer: { phone: '4111111111111111' } }).map((issue) => issue.pointer),
    ).toEqual(['customer.phone']);
  });

  it('walks nested and cyclic structures without failing', () => {
    const cyclic: Record<string, unknown> = { a: [{ b: '4111-1111-1111-1111' }] };
    cyclic['self'] = cyclic;
    expect(findCardNumbers(cyclic).map((issue) => issue.pointer)).toEqual(['a[0].b']);
    expect(findCardNumbers(null)).toEqual([]);
  });
});

describe('redactPath', () => {
  it('replaces keys holding card numbers and keeps the rest', () => {
    expect(redactPath(['variant', '4111111111111111', 0])).toEqual(['variant', REDACTED_KEY, 0]);
  });
});
