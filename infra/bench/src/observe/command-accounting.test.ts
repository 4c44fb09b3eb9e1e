import { describe, expect, it } from 'vitest';
import { causedBy, difference, perSale, total } from './command-accounting.js';

describe('command accounting', () => {
  it('a difference of counters counts commands first seen after the start from zero', () => {
    expect(difference({ find: 30, insert: 12, ping: 1 }, { find: 10, ping: 1 })).toEqual({
      find: 20,
      insert: 12,
    });
  });

  it('what a span caused is its change less the idle rate over its length and the cost of the scrapes in it', () => {
    const caused = causedBy(
      { find: 120, insert: 50, llen: 40, multi: 10 },
      { idlePerMs: { find: 0.002 }, perScrape: { llen: 8, multi: 2 } },
      { durationMs: 10_000, scrapes: 5 },
    );
    expect(caused).toEqual({ find: 100, insert: 50, llen: 0, multi: 0 });
    expect(total(caused)).toBe(150);
  });

  it('per sale, commands are divided, rounded to hundredths, largest first, and zeros dropped', () => {
    expect(perSale({ find: 100, insert: 50, llen: 0, update: 1 }, 40)).toEqual({
      find: 2.5,
      insert: 1.25,
      update: 0.03,
    });
    expect(Object.keys(perSale({ insert: 1, find: 3 }, 1))).toEqual(['find', 'insert']);
    expect(perSale({ find: 3 }, 0)).toEqual({});
  });
});
