import { describe, expect, it } from 'vitest';
import { rfmSegmentNames, rfmSegmentOf, segmentCounts, segmentMovement } from './rfm-segments.js';

describe('named RFM segments', () => {
  it('names every cell of the recency × frequency grid, and every name is reachable', () => {
    const grid = [5, 4, 3, 2, 1].map((recency) =>
      [1, 2, 3, 4, 5].map((frequency) => rfmSegmentOf({ recency, frequency })),
    );
    expect(grid).toEqual([
      ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
      ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'],
      ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
      ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
      ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
    ]);
    expect(new Set(grid.flat())).toEqual(new Set(rfmSegmentNames));
  });

  it('counts members per segment, naming the empty ones', () => {
    const counts = segmentCounts([{ segment: 'lost' }, { segment: 'lost' }, { segment: 'new' }]);
    expect(counts.lost).toBe(2);
    expect(counts.new).toBe(1);
    expect(counts.champions).toBe(0);
  });

  it('moves customers between two days, those missing on one side to or from none', () => {
    const before = new Map([
      ['p1', 'champions' as const],
      ['p2', 'champions' as const],
      ['p3', 'lost' as const],
    ]);
    const after = new Map([
      ['p1', 'champions' as const],
      ['p2', 'at_risk' as const],
      ['p4', 'new' as const],
    ]);
    expect(segmentMovement(before, after)).toEqual([
      { from: 'champions', to: 'champions', customers: 1 },
      { from: 'champions', to: 'at_risk', customers: 1 },
      { from: 'lost', to: 'none', customers: 1 },
      { from: 'none', to: 'new', customers: 1 },
    ]);
  });
});
