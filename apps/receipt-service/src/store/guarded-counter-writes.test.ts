import { describe, expect, it } from 'vitest';
import { guardedCounterWrites } from './guarded-counter-writes.js';

interface Item {
  key: string;
  amount: number;
}

/** A store's days as the database would keep them: counters and the keys counted, one write at a time checked. */
function days() {
  const counted = new Map<string, Set<string>>();
  const totals = new Map<string, number>();
  const writes: { documentId: string; keys: string[] }[] = [];
  let running = 0;
  let overlapped = false;
  const apply = async (documentId: string, items: readonly Item[]): Promise<boolean> => {
    running += 1;
    if (running > 1) overlapped = true;
    writes.push({ documentId, keys: items.map(({ key }) => key) });
    await new Promise((resolve) => setTimeout(resolve, 2));
    running -= 1;
    const keys = counted.get(documentId) ?? new Set<string>();
    if (items.some(({ key }) => keys.has(key))) return false;
    for (const { key, amount } of items) {
      keys.add(key);
      totals.set(documentId, (totals.get(documentId) ?? 0) + amount);
    }
    counted.set(documentId, keys);
    return true;
  };
  return { apply, writes, totals, overlapped: () => overlapped };
}

describe('guarded counter writes', () => {
  it('when several asks of one day come within the window, then they go in one write and each hears it counted', async () => {
    const store = days();
    const marks: string[][] = [];
    const writes = guardedCounterWrites<Item>({
      windowMs: 5,
      together: store.apply,
      alone: (id, item) => store.apply(id, [item]),
      after: (_id, items) => {
        marks.push(items.map(({ key }) => key));
        return Promise.resolve();
      },
    });
    const outcomes = await Promise.all([
      writes.add('day-1', [{ key: 't:1', amount: 10 }]),
      writes.add('day-1', [
        { key: 't:2', amount: 20 },
        { key: 't:3', amount: 30 },
      ]),
      writes.add('day-1', [{ key: 'd:1', amount: 1 }]),
    ]);
    expect(outcomes).toEqual([[true], [true, true], [true]]);
    expect(store.writes).toEqual([{ documentId: 'day-1', keys: ['t:1', 't:2', 't:3', 'd:1'] }]);
    expect(store.totals.get('day-1')).toBe(61);
    // Marked once for the write.
    expect(marks).toEqual([['t:1', 't:2', 't:3', 'd:1']]);
  });

  it('when a replay is among them, then the write of all is refused and each goes alone: the new ones count once', async () => {
    const store = days();
    const writes = guardedCounterWrites<Item>({
      windowMs: 5,
      together: store.apply,
      alone: (id, item) => store.apply(id, [item]),
    });
    expect(await writes.add('day-1', [{ key: 't:1', amount: 10 }])).toEqual([true]);
    const outcomes = await Promise.all([
      writes.add('day-1', [{ key: 't:1', amount: 10 }]),
      writes.add('day-1', [{ key: 't:2', amount: 20 }]),
    ]);
    expect(outcomes).toEqual([[false], [true]]);
    expect(store.totals.get('day-1')).toBe(30);
  });

  it('when the same key is asked twice at once, then it counts once and the second hears false', async () => {
    const store = days();
    const writes = guardedCounterWrites<Item>({
      windowMs: 5,
      together: store.apply,
      alone: (id, item) => store.apply(id, [item]),
    });
    const outcomes = await Promise.all([
      writes.add('day-1', [{ key: 't:1', amount: 10 }]),
      writes.add('day-1', [{ key: 't:1', amount: 10 }]),
    ]);
    expect(outcomes).toEqual([[true], [false]]);
    expect(store.totals.get('day-1')).toBe(10);
  });

  it("when asks come while the day's write runs, then they wait for it and go together next; other days go side by side", async () => {
    const store = days();
    const writes = guardedCounterWrites<Item>({
      windowMs: 0,
      together: store.apply,
      alone: (id, item) => store.apply(id, [item]),
    });
    const first = writes.add('day-1', [{ key: 't:1', amount: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 1));
    const later = [2, 3, 4].map((n) => writes.add('day-1', [{ key: `t:${n}`, amount: 1 }]));
    await Promise.all([first, ...later]);
    expect(store.writes.map(({ keys }) => keys)).toEqual([['t:1'], ['t:2', 't:3', 't:4']]);
    expect(store.overlapped()).toBe(false);
    expect(store.totals.get('day-1')).toBe(4);
  });

  it('when the write fails, then every ask of it fails (its events are retried), and the next write goes', async () => {
    const store = days();
    let down = true;
    const write = (id: string, items: readonly Item[]) =>
      down ? Promise.reject(new Error('database down')) : store.apply(id, items);
    const writes = guardedCounterWrites<Item>({
      windowMs: 5,
      together: write,
      alone: (id, item) => write(id, [item]),
    });
    const outcomes = await Promise.allSettled([
      writes.add('day-1', [{ key: 't:1', amount: 1 }]),
      writes.add('day-1', [{ key: 't:2', amount: 1 }]),
    ]);
    expect(outcomes.map(({ status }) => status)).toEqual(['rejected', 'rejected']);
    down = false;
    expect(await writes.add('day-1', [{ key: 't:1', amount: 1 }])).toEqual([true]);
    expect(store.totals.get('day-1')).toBe(1);
  });
});
