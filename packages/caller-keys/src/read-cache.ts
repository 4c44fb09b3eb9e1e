import type { CacheInvalidation } from '@scontrino/queue';
import { LRUCache } from 'lru-cache';

/** How long a replica may serve a revoked key or an old store profile when it missed the announcement. */
export const READ_CACHE_TTL_MS = 5_000;

export interface ReadCache<T> {
  /** The cached value of `key`, or what `load` reads (then cached; `null` only when `cacheMisses`). */
  get(key: string, load: () => Promise<T | null>): Promise<T | null>;
  /**
   * Forgets `key` here at once and on every other replica through the invalidation channel: true
   * when the channel took the announcement, false when it could not (Redis down), in which case
   * the other replicas see the change once their entry expires.
   */
  invalidate(key: string): Promise<boolean>;
}

/**
 * A small in-process cache of documents every POS request reads (terminal keys, store profiles),
 * so that the request's only round trip is its insert. A change is announced to every replica
 * (`invalidation`), and entries expire after {@link READ_CACHE_TTL_MS} in any case. A load that
 * was in flight when its key was invalidated is not kept, so an old read never outlives a change.
 */
export function readCache<T extends object>(opts: {
  /** Names the cache in announcements: `<name>:<key>`. */
  name: string;
  invalidation?: Pick<CacheInvalidation, 'announce' | 'onAnnounce'>;
  /** Keep "not found" too (a store not configured yet); unknown keys sent by anyone are not kept. */
  cacheMisses?: boolean;
  max?: number;
  ttlMs?: number;
  /**
   * When `load` fails (its source is out of reach), answer the last value read for the key, however
   * old, unless a change was announced for it since. For records that almost never change (tenants),
   * so that a peer's outage does not take this service down with it; never for keys whose
   * revocation must hold (terminal and shop keys).
   */
  staleIfError?: boolean;
}): ReadCache<T> {
  const max = opts.max ?? 10_000;
  const entries = new LRUCache<string, { value: T | null }>({ max, ttl: opts.ttlMs ?? READ_CACHE_TTL_MS });
  const lastRead = opts.staleIfError ? new LRUCache<string, { value: T }>({ max }) : null;
  // Any invalidation voids the loads in flight: changes are rare, so one counter is enough.
  let epoch = 0;
  const prefix = `${opts.name}:`;
  const forget = (key: string) => {
    entries.delete(key);
    lastRead?.delete(key);
    epoch += 1;
  };
  opts.invalidation?.onAnnounce((announced) => {
    if (announced.startsWith(prefix)) forget(announced.slice(prefix.length));
  });

  return {
    async get(key, load) {
      const cached = entries.get(key);
      if (cached) return cached.value;
      const startedAt = epoch;
      let value: T | null;
      try {
        value = await load();
      } catch (error) {
        const stale = lastRead?.get(key);
        if (stale && epoch === startedAt) return stale.value;
        throw error;
      }
      if (epoch === startedAt && (value !== null || opts.cacheMisses)) entries.set(key, { value });
      if (epoch === startedAt && value !== null) lastRead?.set(key, { value });
      return value;
    },
    async invalidate(key) {
      forget(key);
      if (!opts.invalidation) return true;
      return opts.invalidation.announce(`${prefix}${key}`).then(
        () => true,
        () => false,
      );
    },
  };
}
