import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { MatchKeyDocument } from '../../store/match-keys.js';
import type { HouseholdDocument, ProfileDocument } from '../../store/profile-model.js';
import type { OverrideDocument } from '../../store/staff-models.js';

/** How long a kept document is trusted: bounds what a misrouted replica or a key rotation can leave stale. */
export const GRAPH_CACHE_TTL_MS = 60_000;

/**
 * Documents of one collection as the tenant's last linking batches wrote or read them (`null`:
 * known absent), the oldest dropped past `limit`. A document is never changed in place (a
 * graph session makes each change a new object), so the same object is handed out again.
 */
export class DocumentCache<T> {
  private readonly entries = new Map<string, { at: number; value: T | null }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kept value (`null`: absent), or `undefined` when not kept or too old. */
  get(id: string): T | null | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.at > GRAPH_CACHE_TTL_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.value;
  }

  set(id: string, value: T | null): void {
    this.entries.delete(id);
    this.entries.set(id, { at: this.now(), value });
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * What the linker keeps of a tenant's graph between its batches. Sound because the linker holds
 * the tenant's graph lock for every batch and is then the graph's only writer: the cache is
 * dropped when anyone else (a staff action, an erasure) held the lock since the last batch, and
 * when a batch fails part-way (what was written is then unknown).
 */
export interface GraphCache {
  /** The lock's turn of the batch that last filled it (see `GraphLock.turns`). */
  turn: number;
  identifiers: DocumentCache<IdentifierDocument>;
  profiles: DocumentCache<ProfileDocument>;
  households: DocumentCache<HouseholdDocument>;
  overrides: DocumentCache<OverrideDocument>;
  matchKeys: DocumentCache<MatchKeyDocument>;
}

/** Sizes: a few thousand customers seen again within a minute, a few MB of memory. */
export function createGraphCache(turn: number, now: () => number = Date.now): GraphCache {
  return {
    turn,
    identifiers: new DocumentCache(8_000, now),
    profiles: new DocumentCache(4_000, now),
    households: new DocumentCache(1_000, now),
    overrides: new DocumentCache(1_000, now),
    matchKeys: new DocumentCache(8_000, now),
  };
}

/** A buffer's loader that answers from the cache first and reads only the rest. */
export function throughCache<T>(
  cache: DocumentCache<T> | undefined,
  read: (ids: string[]) => Promise<Map<string, T>>,
): (ids: string[]) => Promise<Map<string, T>> {
  if (!cache) return read;
  return async (ids) => {
    const found = new Map<string, T>();
    const missing: string[] = [];
    for (const id of ids) {
      const kept = cache.get(id);
      if (kept === undefined) missing.push(id);
      else if (kept !== null) found.set(id, kept);
    }
    if (missing.length > 0) for (const [id, document] of await read(missing)) found.set(id, document);
    return found;
  };
}
