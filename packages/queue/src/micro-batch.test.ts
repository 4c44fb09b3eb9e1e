import { describe, expect, it, vi } from 'vitest';
import { microBatcher } from './micro-batch.js';

const doubled = (items: readonly number[]) => Promise.resolve(items.map((item) => item * 2));

describe('microBatcher', () => {
  it('runs the items added together as one batch of at most maxSize, each caller getting its own result', async () => {
    const run = vi.fn(doubled);
    const batcher = microBatcher({ run, maxSize: 3, maxWaitMs: 60_000 });

    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((item) => batcher.add(item)));

    expect(results).toEqual([2, 4, 6, 8, 10, 12]);
    expect(run.mock.calls).toEqual([[[1, 2, 3]], [[4, 5, 6]]]);
  });

  it('sends a batch that stays short once its wait is over', async () => {
    const run = vi.fn(doubled);
    const batcher = microBatcher({ run, maxSize: 100, maxWaitMs: 5 });

    expect(await Promise.all([batcher.add(1), batcher.add(2)])).toEqual([2, 4]);
    expect(run.mock.calls).toEqual([[[1, 2]]]);
  });

  it('sends the batch at once when flushed', async () => {
    const run = vi.fn(doubled);
    const batcher = microBatcher({ run, maxSize: 100, maxWaitMs: 60_000 });

    const result = batcher.add(1);
    batcher.flush();

    expect(await result).toBe(2);
  });

  it('fails only the items whose outcome is an error', async () => {
    const batcher = microBatcher({
      run: (items: readonly number[]) =>
        Promise.resolve(items.map((item) => (item === 2 ? new Error('two is refused') : item))),
      maxSize: 3,
      maxWaitMs: 60_000,
    });

    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.add(item)));

    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('two is refused') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('fails every item of a batch whose run fails', async () => {
    const batcher = microBatcher<number, number>({
      run: () => Promise.reject(new Error('database down')),
      maxSize: 2,
      maxWaitMs: 60_000,
    });

    const outcomes = await Promise.allSettled([batcher.add(1), batcher.add(2)]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
