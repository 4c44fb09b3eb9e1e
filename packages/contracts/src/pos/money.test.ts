import { describe, expect, it } from 'vitest';
import {
  currencyCodeSchema,
  MAX_MINOR_AMOUNT,
  minorAmountSchema,
  minorUnitExponent,
  sumMinor,
} from './money.js';

describe('money', () => {
  it('knows the ISO 4217 minor units of common currencies', () => {
    expect(['EUR', 'USD', 'GBP', 'JPY', 'KRW', 'KWD', 'CHF'].map(minorUnitExponent)).toEqual([
      2, 2, 2, 0, 0, 3, 2,
    ]);
  });

  it('sums exactly beyond the safe integer range of a double', () => {
    expect(sumMinor([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 1])).toBe(18014398509481983n);
    expect(sumMinor([])).toBe(0n);
  });

  it('accepts only non-negative safe integers as amounts', () => {
    expect(minorAmountSchema.safeParse(8990).success).toBe(true);
    expect(minorAmountSchema.safeParse(0).success).toBe(true);
    for (const amount of [-1, 89.9, 2 ** 53, '8990', MAX_MINOR_AMOUNT + 1])
      expect(minorAmountSchema.safeParse(amount).success).toBe(false);
    expect(minorAmountSchema.safeParse(MAX_MINOR_AMOUNT).success).toBe(true);
  });

  it('accepts ISO 4217 codes and nothing else', () => {
    for (const code of ['EUR', 'JPY', 'CHF']) expect(currencyCodeSchema.safeParse(code).success).toBe(true);
    for (const code of ['eur', 'EURO', 'QQQ', '€'])
      expect(currencyCodeSchema.safeParse(code).success).toBe(false);
  });
});
