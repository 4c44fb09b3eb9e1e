import { isDeepStrictEqual } from 'node:util';

/** What a buffer's documents became, against what the database held when they were read. */
export interface BufferedChanges<T> {
  /** Read as absent (or never read and written whole), now present. */
  inserted: T[];
  /** Present before and after, with different fields. */
  updated: { before: T; after: T }[];
  /** Written without being read: the database may or may not hold them. */
  blind: T[];
  /** Gone now; `known` when the read found them. */
  removed: { id: string; known: boolean }[];
}

/**
 * Documents of one collection as a graph session sees them: read once by `_id` (a few at a time),
 * then changed in memory, each change a new object (a caller holding an earlier copy keeps it,
 * as it would with a database read). `changes()` tells the session what to write.
 */
export class DocumentBuffer<T extends { _id: string }> {
  private readonly stored = new Map<string, T | null>();
  private readonly current = new Map<string, T | null>();
  private readonly reading = new Map<string, Promise<void>>();

  constructor(private readonly read: (ids: string[]) => Promise<Map<string, T>>) {}

  /** The documents of these ids that exist, in the order asked. */
  async load(ids: Iterable<string>): Promise<Map<string, T>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.current.has(id) && !this.reading.has(id));
    if (missing.length > 0) {
      const done = this.read(missing).then((found) => {
        for (const id of missing) {
          const document = found.get(id) ?? null;
          if (!this.stored.has(id)) this.stored.set(id, document);
          if (!this.current.has(id)) this.current.set(id, document);
        }
      });
      const settled = done.finally(() => {
        for (const id of missing) if (this.reading.get(id) === settled) this.reading.delete(id);
      });
      for (const id of missing) this.reading.set(id, settled);
    }
    await Promise.all(wanted.flatMap((id) => this.reading.get(id) ?? []));
    const result = new Map<string, T>();
    for (const id of wanted) {
      const document = this.current.get(id);
      if (document) result.set(id, document);
    }
    return result;
  }

  async get(id: string): Promise<T | null> {
    return (await this.load([id])).get(id) ?? null;
  }

  /** Changes a document that exists (as an update by `_id` would); nothing for an absent one. */
  async update(id: string, change: (document: T) => T): Promise<void> {
    const document = await this.get(id);
    if (document) this.current.set(id, change(document));
  }

  /** Writes a whole document, read or not. */
  put(document: T): void {
    this.current.set(document._id, document);
  }

  remove(id: string): void {
    this.current.set(id, null);
  }

  /** Every document read or written so far as it stands now (`null`: absent or removed). */
  held(): ReadonlyMap<string, T | null> {
    return this.current;
  }

  changes(): BufferedChanges<T> {
    const changes: BufferedChanges<T> = { inserted: [], updated: [], blind: [], removed: [] };
    for (const [id, after] of this.current) {
      const known = this.stored.has(id);
      const before = this.stored.get(id) ?? null;
      if (after === null) {
        if (before !== null || !known) changes.removed.push({ id, known: before !== null });
      } else if (!known) changes.blind.push(after);
      else if (before === null) changes.inserted.push(after);
      else if (!isDeepStrictEqual(before, after)) changes.updated.push({ before, after });
    }
    return changes;
  }
}

/** The fields of `after` that differ from `before`, for a `$set` (`_id` never). */
export function changedFields<T extends object>(before: Partial<T>, after: T, skip: readonly string[] = []) {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === '_id' || skip.includes(key)) continue;
    if (!isDeepStrictEqual((before as Record<string, unknown>)[key], value)) set[key] = value;
  }
  return set as Partial<T>;
}
