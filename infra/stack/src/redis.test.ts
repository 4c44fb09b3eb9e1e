import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedis } from './redis.js';
import { scratchDir } from './test-support.js';

/** A client that fails at once instead of retrying, so "unreachable" is observable. */
async function ping(url: string): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  // The failed connect rejects below; without a listener ioredis would also print it as unhandled.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.ping();
  } finally {
    client.disconnect();
  }
}

describe('startRedis', () => {
  let dataDir: Awaited<ReturnType<typeof scratchDir>>;

  beforeAll(async () => {
    dataDir = await scratchDir('redis');
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  afterAll(async () => {
    await dataDir.remove();
  });

  it('when REDIS_URL is unset, then a private redis-server answers PING', async () => {
    vi.stubEnv('REDIS_URL', undefined);
    const redis = await startRedis({ dataDir: dataDir.path });
    expect(redis.kind).toBe('redis-server');
    expect(await ping(redis.url)).toBe('PONG');
    await redis.stop();
  });

  it('when stopped, then it is unreachable, and when restarted, then it answers on the same url', async () => {
    vi.stubEnv('REDIS_URL', undefined);
    const redis = await startRedis({ dataDir: dataDir.path });
    const { url } = redis;

    await redis.stop();
    await expect(ping(url)).rejects.toThrow();

    await redis.restart();
    expect(redis.url).toBe(url);
    expect(await ping(url)).toBe('PONG');
    await redis.stop();
  });

  it('when REDIS_URL is set, then it is used as-is', async () => {
    vi.stubEnv('REDIS_URL', 'redis://redis.example:6390');
    const redis = await startRedis({ dataDir: dataDir.path });
    expect(redis).toMatchObject({ kind: 'external', url: 'redis://redis.example:6390', pid: undefined });
    await redis.stop();
  });
});
