import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a store day's counter update waits for more of the day's contributions (ms): the inbox
 * and the e-mails running at once ask within a few milliseconds of each other.
 */
export const DAY_WRITE_WINDOW_MS = 5;

/** A contribution to a counters document, guarded by its key (`t:<saleId>`, `d:<deliveryId>`…). */
export interface KeyedContribution {
  key: string;
}

export interface GuardedCounterWrites<TItem extends KeyedContribution> {
  /**
   * Adds `items` to the document `documentId`, each once: per item, whether it counted now (false:
   * its key was counted already, by an earlier write or by another item of the same write).
   */
  add(documentId: string, items: readonly TItem[]): Promise<boolean[]>;
}

interface Waiting<TItem> {
  item: TItem;
  resolve(counted: boolean): void;
  reject(error: unknown): void;
}

/**
 * The guarded counter updates of shared documents (a store's day), written together. What the
 * work running in this process asks of one document within `windowMs` of the first ask, or while
 * that document's last write runs, goes in one update guarded by every key (`together`: applied
 * only while none is counted); when that is refused (a replay among them), each goes alone
 * (`alone`), which counts the new ones. `after` runs once per write, counted or not (the brand
 * day's mark). A caller hears its items' outcomes once the write and `after` are done; an error
 * fails every item of the write (their events are retried, and count once then).
 *
 * The writes of one document run one after another in this process: FerretDB v1 applies an update
 * by reading the document and writing it back whole, so two at once could lose one.
 */
export function guardedCounterWrites<TItem extends KeyedContribution>(options: {
  windowMs: number;
  together(documentId: string, items: readonly TItem[]): Promise<boolean>;
  alone(documentId: string, item: TItem): Promise<boolean>;
  after?(documentId: string, items: readonly TItem[]): Promise<void>;
}): GuardedCounterWrites<TItem> {
  /** Per document: the asks not written yet, and the write running (or the window before it). */
  const gathering = new Map<string, Waiting<TItem>[]>();
  const running = new Map<string, Promise<void>>();

  async function write(documentId: string, batch: readonly Waiting<TItem>[]): Promise<void> {
    // One item per key: a key asked twice at once (an event and its redelivery) counts once.
    const first = new Map<string, Waiting<TItem>>();
    const repeated: Waiting<TItem>[] = [];
    for (const waiting of batch)
      if (first.has(waiting.item.key)) repeated.push(waiting);
      else first.set(waiting.item.key, waiting);
    const unique = [...first.values()];
    const items = unique.map(({ item }) => item);
    try {
      const counted =
        items.length > 1 && (await options.together(documentId, items))
          ? items.map(() => true)
          : await eachAlone(documentId, items);
      await options.after?.(documentId, items);
      unique.forEach((waiting, index) => waiting.resolve(counted[index]!));
      for (const waiting of repeated) waiting.resolve(false);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  async function eachAlone(documentId: string, items: readonly TItem[]): Promise<boolean[]> {
    const counted: boolean[] = [];
    for (const item of items) counted.push(await options.alone(documentId, item));
    return counted;
  }

  function schedule(documentId: string, batch: Waiting<TItem>[]): void {
    // After the document's write in flight, else after the window: either way, asks join meanwhile.
    const before = running.get(documentId) ?? sleep(options.windowMs);
    const done = before.then(() => {
      if (gathering.get(documentId) === batch) gathering.delete(documentId);
      return write(documentId, batch);
    });
    running.set(documentId, done);
    void done.then(() => {
      if (running.get(documentId) === done) running.delete(documentId);
    });
  }

  return {
    add(documentId, items) {
      if (items.length === 0) return Promise.resolve([]);
      const fresh = !gathering.has(documentId);
      const batch = gathering.get(documentId) ?? [];
      const outcomes = items.map(
        (item) =>
          new Promise<boolean>((resolve, reject) => {
            batch.push({ item, resolve, reject });
          }),
      );
      if (fresh) {
        gathering.set(documentId, batch);
        schedule(documentId, batch);
      }
      return Promise.all(outcomes);
    },
  };
}
