import { describe, expect, it } from 'vitest';
import { SeededRandom, mulberry32 } from './prng.js';

describe('SeededRandom', () => {
  it('when seeded twice alike, then it draws the same sequence; another seed draws another', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, mulberry32(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('when forked by label, then each fork is reproducible and independent of the other forks', () => {
    const root = new SeededRandom(1);
    const a = root.fork('person:1').digits(12);
    expect(new SeededRandom(1).fork('person:1').digits(12)).toBe(a);
    expect(root.fork('person:2').digits(12)).not.toBe(a);
  });

  it('when drawing integers, floats and weighted keys, then they stay in range and follow the weights', () => {
    const random = new SeededRandom(7);
    const counts = { rare: 0, common: 0 };
    for (let i = 0; i < 20_000; i += 1) {
      const n = random.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const f = random.float();
      expect(f >= 0 && f < 1).toBe(true);
      counts[random.weighted({ rare: 1, common: 3 })] += 1;
    }
    expect(counts.common / 20_000).toBeGreaterThan(0.73);
    expect(counts.common / 20_000).toBeLessThan(0.77);
  });

  it('when counting visits with a mean, then the average is near it and never above the cap', () => {
    const random = new SeededRandom(9);
    const draws = Array.from({ length: 20_000 }, () => random.count(4, 30));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(3.7);
    expect(mean).toBeLessThan(4.3);
    expect(Math.max(...draws)).toBeLessThanOrEqual(30);
    expect(Math.min(...draws)).toBe(1);
  });
});
