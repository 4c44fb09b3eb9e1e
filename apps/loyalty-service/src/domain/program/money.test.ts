import { describe, expect, it } from 'vitest';
import { formatAmount, minorUnitExponent, toUnits } from './money.js';

describe('money for the rules', () => {
  it('when a currency has 2, 0 or 3 minor digits, then the exponent and units follow ISO 4217', () => {
    expect([minorUnitExponent('EUR'), minorUnitExponent('JPY'), minorUnitExponent('BHD')]).toEqual([2, 0, 3]);
    expect([toUnits(7900, 'EUR'), toUnits(7900, 'JPY'), toUnits(7900, 'BHD')]).toEqual([79, 7900, 7.9]);
  });

  it('when an amount is written for an explanation, then it has exactly the currency digits', () => {
    expect(formatAmount(7900, 'EUR')).toBe('79.00 EUR');
    expect(formatAmount(5, 'EUR')).toBe('0.05 EUR');
    expect(formatAmount(0, 'EUR')).toBe('0.00 EUR');
    expect(formatAmount(15_000, 'JPY')).toBe('15000 JPY');
    expect(formatAmount(12_345, 'BHD')).toBe('12.345 BHD');
    expect(formatAmount(-250, 'EUR')).toBe('-2.50 EUR');
  });
});
