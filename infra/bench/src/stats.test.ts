import { describe, expect, it } from 'vitest';
import { percentile, perSecond, summarizeLatencies } from './stats.js';

describe('percentile', () => {
  it('is the nearest-rank value: the smallest sample at or above p % of them', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7, 9, 30], 50)).toBe(9);
    expect(percentile([7, 9, 30], 99)).toBe(30);
  });

  it('is the only sample of one, and none of none', () => {
    expect(percentile([12], 0)).toBe(12);
    expect(percentile([12], 99)).toBe(12);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('summarizeLatencies', () => {
  it('sorts the samples itself and rounds to a tenth of a millisecond', () => {
    const samples = [...Array.from({ length: 97 }, () => 10.04), 250.26, 900.11, 12.5];
    expect(summarizeLatencies(samples)).toEqual({
      count: 100,
      p50Ms: 10,
      p95Ms: 10,
      p99Ms: 250.3,
      maxMs: 900.1,
    });
  });

  it('when nothing was measured, then every figure is null', () => {
    expect(summarizeLatencies([])).toEqual({ count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null });
  });
});

describe('perSecond', () => {
  it('divides by the span in seconds, and an empty span gives 0', () => {
    expect(perSecond(250, 5_000)).toBe(50);
    expect(perSecond(3, 0)).toBe(0);
  });
});
