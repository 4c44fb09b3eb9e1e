import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareOut } from './largest-remainder.js';

describe('largest-remainder sharing', () => {
  it('when 100 is shared over 8091 and 7900, then the point left goes to the larger remainder', () => {
    expect(shareOut(100, [8091, 7900])).toEqual([51, 49]);
  });

  it('when remainders tie, then the earlier part gets the point', () => {
    expect(shareOut(1, [1, 1])).toEqual([1, 0]);
    expect(shareOut(10, [1000, 1000, 2000])).toEqual([3, 2, 5]);
  });

  it('when every weight is zero, then the total is shared equally', () => {
    expect(shareOut(5, [0, 0])).toEqual([3, 2]);
  });

  it('when a weight is negative or fractional, then it refuses', () => {
    expect(() => shareOut(5, [1, -1])).toThrow(RangeError);
    expect(() => shareOut(5, [1.5])).toThrow(RangeError);
    expect(() => shareOut(-1, [1])).toThrow(RangeError);
  });

  it('when anything is shared, then the parts add up to the total and each is its quota rounded down or up', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.array(fc.nat({ max: 100_000_000 }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          const shares = shareOut(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          shares.forEach((share, index) => {
            const quota = sum === 0 ? total / weights.length : (total * (weights[index] ?? 0)) / sum;
            expect(share).toBeGreaterThanOrEqual(Math.floor(quota - 1e-6));
            expect(share).toBeLessThanOrEqual(Math.ceil(quota + 1e-6));
          });
        },
      ),
    );
  });
});
