import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Store } from 'express-rate-limit';
import { countRedisCommands } from '@scontrino/queue';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisRateLimitStore } from './redis-store.js';

/** A named limit: `limit` hits per `windowMs`, counted per key (an IP, a till, an address hash). */
export interface RateLimitRule {
  /** Part of the Redis key and of the log line; unique per service (`claim-ip`, `till`). */
  name: string;
  windowMs: number;
  limit: number;
}

export interface RateLimitMiddlewareOptions {
  /** Default: the client IP (IPv6 grouped by /56, as express-rate-limit does). */
  key?: (req: Request, res: Response) => string;
  /** Default: 429 with express-rate-limit's plain message. `Retry-After` is set before it runs. */
  refuse?: (req: Request, res: Response) => void;
  /** Requests that neither count nor are refused (a caller the service trusts). */
  skip?: (req: Request) => boolean | Promise<boolean>;
}

export interface RateLimits {
  /** Express middleware answering 429 past the rule, with `RateLimit` headers (draft 8). */
  middleware(rule: RateLimitRule, options?: RateLimitMiddlewareOptions): RequestHandler;
  /**
   * For limits off the request path (codes mailed to one address): counts one hit and says whether
   * it is still within the rule. Fails open like the middleware.
   */
  take(rule: RateLimitRule, key: string): Promise<boolean>;
  /** Gives back one hit `take` counted (the attempt turned out not to count: it succeeded). */
  giveBack(rule: RateLimitRule, key: string): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimitsOptions {
  /** Without it every count is in memory, per process (tests, one-replica setups). */
  redisUrl?: string;
  /** Prepended to every key, e.g. the queue prefix: `{scontrino}:`. */
  prefix: string;
  logger: Logger;
}

/**
 * Request limits counted in Redis when a URL is given, so N replicas give a client the limit once,
 * not N times. A command waits at most half a second (reconnecting included) before the request
 * passes uncounted; the connection keeps reconnecting on its own, so limits resume with Redis.
 *
 * The counts of the requests that arrive together go to Redis together (ioredis's automatic
 * pipelining: the commands issued by one turn of the event loop leave in one write, their answers
 * come back in one read). Every request is still counted exactly, before it is let through; under
 * load the service pays one socket write for many tills' counts instead of one each: one round trip
 * per request was about 7 % of the receipt service's CPU under the ingest bench (docs/performance.md).
 */
export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const logger = options.logger.child({ area: 'rate-limit' });
  const redis = options.redisUrl
    ? countRedisCommands(
        new Redis(options.redisUrl, {
          maxRetriesPerRequest: 1,
          commandTimeout: 500,
          lazyConnect: true,
          enableAutoPipelining: true,
        }),
      )
    : undefined;
  let lastConnectionError = 0;
  redis?.on('error', (error: unknown) => {
    if (Date.now() - lastConnectionError < 30_000) return;
    lastConnectionError = Date.now();
    logger.warn({ err: error }, 'rate limit Redis connection failed');
  });
  const storeFor = (rule: RateLimitRule): Store =>
    redis ? new RedisRateLimitStore(redis, `${options.prefix}rl:${rule.name}:`, logger) : new MemoryStore();
  const counters = new Map<string, Store>();
  async function counter(rule: RateLimitRule): Promise<Store> {
    let store = counters.get(rule.name);
    if (!store) {
      store = storeFor(rule);
      await store.init?.({ windowMs: rule.windowMs } as Parameters<NonNullable<Store['init']>>[0]);
      counters.set(rule.name, store);
    }
    return store;
  }

  return {
    middleware(rule, middlewareOptions = {}) {
      const { key, refuse, skip } = middlewareOptions;
      return rateLimit({
        windowMs: rule.windowMs,
        limit: rule.limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        store: storeFor(rule),
        ...(key && { keyGenerator: key }),
        ...(refuse && { handler: refuse }),
        ...(skip && { skip }),
      });
    },
    async take(rule, key) {
      const { totalHits } = await (await counter(rule)).increment(key);
      return totalHits <= rule.limit;
    },
    async giveBack(rule, key) {
      await (await counter(rule)).decrement(key);
    },
    async close() {
      for (const store of counters.values()) await store.shutdown?.();
      if (redis && redis.status !== 'end') redis.disconnect();
    },
  };
}

/**
 * The key a per-IP limit counts a client address under, as the middleware does: the address
 * itself, an IPv6 one grouped by its /56 (one household or customer network).
 */
export function clientAddressKey(address: string): string {
  return ipKeyGenerator(address, 56);
}
