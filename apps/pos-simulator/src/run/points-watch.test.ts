import { describe, expect, it } from 'vitest';
import { createPointsWatch, type WatchedSale } from './points-watch.js';

/** A loyalty service that lists a sale as credited from the `after`th question about it on. */
function loyaltyAnswering(after: Record<string, number>) {
  const asked = new Map<string, number>();
  const credited = (sale: WatchedSale) => {
    const count = (asked.get(sale.transactionId) ?? 0) + 1;
    asked.set(sale.transactionId, count);
    return Promise.resolve(count >= (after[sale.transactionId] ?? Infinity));
  };
  return { credited, asked };
}

const sale = (transactionId: string): WatchedSale => ({
  tenantId: 'moda-rossi',
  cardNumber: '2901',
  transactionId,
});

describe('sale → points visible', () => {
  it('when one in three card sales is watched, then only those are asked about, and one never credited counts as not visible', async () => {
    const { credited, asked } = loyaltyAnswering({ a: 3, d: 1 });
    const watch = createPointsWatch({ every: 3, deadlineMs: 200, pollMs: 5, credited });
    const start = performance.now();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) watch.cardSale(sale(id), start);
    const visibility = await watch.settle();
    expect([...asked.keys()].sort()).toEqual(['a', 'd', 'g']);
    expect(asked.get('a')).toBe(3);
    expect(visibility).toMatchObject({ sampled: 3, visible: 2 });
    expect(visibility.p50Ms).toBeLessThanOrEqual(visibility.maxMs ?? 0);
  });

  it('when watching is off, then nothing is asked', async () => {
    const { credited, asked } = loyaltyAnswering({});
    const watch = createPointsWatch({ every: 0, deadlineMs: 100, pollMs: 5, credited });
    watch.cardSale(sale('a'), performance.now());
    expect(await watch.settle()).toMatchObject({ sampled: 0, visible: 0, p50Ms: null });
    expect(asked.size).toBe(0);
  });
});
