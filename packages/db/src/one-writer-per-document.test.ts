import { describe, expect, it } from 'vitest';
import { oneWriterPerDocument } from './one-writer-per-document.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('oneWriterPerDocument', () => {
  it('when writes of one document overlap, then each reads what the one before it wrote', async () => {
    const writers = oneWriterPerDocument();
    const stored = { sales: 0 };
    // A read-modify-write with a pause in between, as FerretDB's update is.
    const addOne = async () => {
      const read = stored.sales;
      await tick();
      stored.sales = read + 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => writers.run('MI-001|2026-12-06', addOne)));
    expect(stored.sales).toBe(20);
    expect(writers.busy).toBe(0);
  });

  it('when writes of different documents overlap, then they run side by side', async () => {
    const writers = oneWriterPerDocument();
    let running = 0;
    let most = 0;
    const write = async () => {
      most = Math.max(most, ++running);
      await tick();
      running -= 1;
    };
    await Promise.all(['MI-001', 'MI-002', 'RM-001'].map((store) => writers.run(store, write)));
    expect(most).toBe(3);
  });

  it('when a write fails, then its caller gets the error and the next write of that document still runs', async () => {
    const writers = oneWriterPerDocument();
    const failed = writers.run('MI-001', () => Promise.reject(new Error('refused')));
    const next = writers.run('MI-001', () => Promise.resolve('stored'));
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('stored');
  });
});
