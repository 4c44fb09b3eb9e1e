import { describe, expect, it } from 'vitest';
import {
  divideRoundHalfUp,
  formatMilli,
  hasAtMostThreeDecimals,
  quantityToMilli,
  rateToMilli,
} from './decimal.js';

describe('decimal arithmetic', () => {
  it('scales quantities with up to 3 decimals to exact thousandths', () => {
    expect([0.535, 2.675, 1.001, 99999.999, 1].map(quantityToMilli)).toEqual([
      535n,
      2675n,
      1001n,
      99999999n,
      1000n,
    ]);
  });

  it('counts decimals on the number as JSON writes it', () => {
    expect([0.535, 12, 2.675, 1e-3].map(hasAtMostThreeDecimals)).toEqual([true, true, true, true]);
    expect([0.5351, 0.1 + 0.2, 1e-7].map(hasAtMostThreeDecimals)).toEqual([false, false, false]);
  });

  it('reads rate strings as thousandths of a percent', () => {
    expect(['22', '5.5', '0', '10.125', '100'].map(rateToMilli)).toEqual([
      22000n,
      5500n,
      0n,
      10125n,
      100000n,
    ]);
  });

  it('rounds half up', () => {
    expect(divideRoundHalfUp(694965n, 1000n)).toBe(695n);
    expect(divideRoundHalfUp(6495n, 10n)).toBe(650n);
    expect(divideRoundHalfUp(6494n, 10n)).toBe(649n);
    expect(divideRoundHalfUp(0n, 7n)).toBe(0n);
  });

  it('writes thousandths without trailing zeros', () => {
    expect([535n, 1000n, 1500n, 0n, 10n].map(formatMilli)).toEqual(['0.535', '1', '1.5', '0', '0.01']);
  });
});
