import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

const draws = (seed: string, count = 20) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('seeded random', () => {
  it('when two generators share a seed, then they draw the same numbers; other seeds differ', () => {
    expect(draws('42')).toEqual(draws('42'));
    expect(draws('42')).not.toEqual(draws('43'));
    expect(draws('42').every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('when integers are drawn, then both bounds occur and nothing outside them', () => {
    const random = createRandom('int');
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('when keys are drawn by weight, then their shares follow the weights and a zero weight never wins', () => {
    const random = createRandom('weights');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[random.weighted({ a: 1, b: 3, c: 0 })]++;
    expect(counts.c).toBe(0);
    expect(counts.b / 20_000).toBeCloseTo(0.75, 1);
    expect(() => random.weighted({ a: 0 })).toThrow('every weight is zero');
  });
});
