import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { startRedis, tempDir, uniqueName } from '@scontrino/testing';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressKey, createRateLimits, type RateLimits } from './rate-limits.js';

const rule = { name: 'claim-ip', windowMs: 60_000, limit: 2 };

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

/** One replica: an app behind the shared limit. */
async function replica(limits: RateLimits) {
  const app = express();
  app.use(limits.middleware(rule));
  app.get('/c', (_req, res) => {
    res.send('ok');
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/c`;
  return { status: async () => (await fetch(url)).status, close: () => server.close() };
}

describe('rate limits counted in Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis({ dataDir: await tempDir('rate_limit_redis') });
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('when two replicas share Redis, then a client gets the limit once, not once per replica', async () => {
    const prefix = `${uniqueName('rl')}:`;
    const { logger } = capturedLogger();
    const [limitsA, limitsB] = [
      createRateLimits({ redisUrl: redis.url, prefix, logger }),
      createRateLimits({ redisUrl: redis.url, prefix, logger }),
    ];
    const [a, b] = [await replica(limitsA), await replica(limitsB)];

    expect([await a.status(), await b.status(), await a.status(), await b.status()]).toEqual([
      200, 200, 429, 429,
    ]);
    a.close();
    b.close();
    await limitsA.close();
    await limitsB.close();
  });

  it('when Redis is down, then requests pass and the outage is logged; when it is back, then limits resume', async ({
    skip,
  }) => {
    if (redis.kind === 'external') skip('an external Redis cannot be stopped');
    const { logger, lines } = capturedLogger();
    const limits = createRateLimits({ redisUrl: redis.url, prefix: `${uniqueName('rl')}:`, logger });
    const app = await replica(limits);
    expect(await app.status()).toBe(200);

    await redis.stop();
    const whileDown = [await app.status(), await app.status(), await app.status()];
    expect(whileDown).toEqual([200, 200, 200]);
    expect(lines.some((line) => line.msg === 'rate limit store unavailable: requests pass unlimited')).toBe(
      true,
    );

    await redis.restart();
    await expect.poll(() => app.status(), { timeout: 10_000, interval: 200 }).toBe(429);
    app.close();
    await limits.close();
  });

  it('when counting off the request path, then hits past the limit are refused', async () => {
    const { logger } = capturedLogger();
    const limits = createRateLimits({ redisUrl: redis.url, prefix: `${uniqueName('rl')}:`, logger });
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await limits.take(rule, 'address-hash'));
    expect(results).toEqual([true, true, false]);
    await limits.close();
  });

  it('when a counted hit is given back, then it no longer counts against the limit', async () => {
    const { logger } = capturedLogger();
    const limits = createRateLimits({ redisUrl: redis.url, prefix: `${uniqueName('rl')}:`, logger });
    expect(await limits.take(rule, 'address-hash')).toBe(true);
    expect(await limits.take(rule, 'address-hash')).toBe(true);
    await limits.giveBack(rule, 'address-hash');
    expect(await limits.take(rule, 'address-hash')).toBe(true);
    expect(await limits.take(rule, 'address-hash')).toBe(false);
    await limits.close();
  });
});

describe('client address keys', () => {
  it('when two IPv6 addresses share a /56, then they share a key; IPv4 addresses stay apart', () => {
    expect(clientAddressKey('2001:db8:1:100::1')).toBe(clientAddressKey('2001:db8:1:1ff::2'));
    expect(clientAddressKey('2001:db8:1:100::1')).not.toBe(clientAddressKey('2001:db8:1:200::1'));
    expect(clientAddressKey('203.0.113.7')).not.toBe(clientAddressKey('203.0.113.8'));
  });
});
