import { describe, expect, it as test } from 'vitest';
import { tierBar } from './tier-progress.js';

describe('tierBar', () => {
  test('when a Bronze member has 120 of the 500 points for Silver, then the bar is 24% full', () => {
    expect(tierBar({ qualifying: 120, next: { name: 'Silver', threshold: 500, missing: 380 } })).toEqual({
      ratio: 0.24,
      value: 120,
      max: 500,
    });
  });

  test('when nothing is missing any more (the upgrade is on its way), then the bar is full', () => {
    expect(tierBar({ qualifying: 600, next: { name: 'Silver', threshold: 500, missing: 0 } })?.ratio).toBe(1);
  });

  test('when more is missing than the threshold (after returns), then the bar is empty, not negative', () => {
    expect(tierBar({ qualifying: -20, next: { name: 'Silver', threshold: 500, missing: 520 } })).toEqual({
      ratio: 0,
      value: 0,
      max: 500,
    });
  });

  test('when the member is at the top tier, then there is no bar', () => {
    expect(tierBar({ qualifying: 2500, next: null })).toBeNull();
  });
});
