import { describe, expect, it } from 'vitest';
import { readCache } from './read-cache.js';

/** An invalidation channel in memory, as Redis pub/sub behaves for the replicas attached to it. */
function channel() {
  const listeners: ((key: string) => void)[] = [];
  return {
    announce: (key: string) => {
      for (const listener of listeners) listener(key);
      return Promise.resolve();
    },
    onAnnounce: (listener: (key: string) => void) => void listeners.push(listener),
  };
}

describe('readCache', () => {
  it('when a value is read twice, then the store is read once; a change announced by another replica is read again', async () => {
    const invalidation = channel();
    const here = readCache<{ revoked: boolean }>({ name: 'keys', invalidation });
    const there = readCache<{ revoked: boolean }>({ name: 'keys', invalidation });
    let stored = { revoked: false };
    let reads = 0;
    const load = () => {
      reads += 1;
      return Promise.resolve({ ...stored });
    };

    expect(await here.get('k1', load)).toEqual({ revoked: false });
    expect(await here.get('k1', load)).toEqual({ revoked: false });
    expect(reads).toBe(1);

    stored = { revoked: true };
    await there.invalidate('k1');
    expect(await here.get('k1', load)).toEqual({ revoked: true });
    expect(reads).toBe(2);
  });

  it('when a key is invalidated while its load is in flight, then the old value is not kept', async () => {
    const cache = readCache<{ name: string }>({ name: 'stores' });
    let release: (value: { name: string }) => void = () => undefined;
    const slow = cache.get('MI-001', () => new Promise((resolve) => (release = resolve)));
    await cache.invalidate('MI-001');
    release({ name: 'old' });
    expect(await slow).toEqual({ name: 'old' });
    expect(await cache.get('MI-001', () => Promise.resolve({ name: 'new' }))).toEqual({ name: 'new' });
  });

  it('when nothing is found, then it is kept only for caches of misses', async () => {
    let reads = 0;
    const load = () => {
      reads += 1;
      return Promise.resolve(null);
    };
    const keys = readCache<object>({ name: 'keys' });
    await keys.get('unknown', load);
    await keys.get('unknown', load);
    const stores = readCache<object>({ name: 'stores', cacheMisses: true });
    await stores.get('XX-404', load);
    await stores.get('XX-404', load);
    expect(reads).toBe(3);
  });

  it('when the time to live has passed, then the value is read again', async () => {
    const cache = readCache<{ n: number }>({ name: 'stores', ttlMs: 20 });
    let n = 0;
    const load = () => Promise.resolve({ n: ++n });
    expect(await cache.get('a', load)).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await cache.get('a', load)).toEqual({ n: 2 });
  });

  it('when its source fails, then a stale-if-error cache answers the last value read, unless a change was announced since; other caches fail', async () => {
    const invalidation = channel();
    const tenants = readCache<{ name: string }>({
      name: 'tenant',
      invalidation,
      ttlMs: 1,
      staleIfError: true,
    });
    const keys = readCache<{ name: string }>({ name: 'key', ttlMs: 1 });
    const ok = () => Promise.resolve({ name: 'Moda Rossi' });
    const down = () => Promise.reject(new Error('receipt service out of reach'));
    await tenants.get('moda-rossi', ok);
    await keys.get('k1', ok);
    await new Promise((resolve) => setTimeout(resolve, 5));

    expect(await tenants.get('moda-rossi', down)).toEqual({ name: 'Moda Rossi' });
    await expect(keys.get('k1', down)).rejects.toThrow('out of reach');
    await expect(tenants.get('never-read', down)).rejects.toThrow('out of reach');

    await invalidation.announce('tenant:moda-rossi');
    await expect(tenants.get('moda-rossi', down)).rejects.toThrow('out of reach');
  });
});
