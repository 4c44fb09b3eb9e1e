import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * One round trip: count the hit and start the window on the first one. Sent with EVAL every time
 * rather than loaded once and called by SHA: a script load that failed while Redis was down
 * (rate-limit-redis caches that failure for good) can never leave the limit broken afterwards.
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }`;

/** At most one "Redis down" line per limit and interval, however many requests pass meanwhile. */
const COMPLAINT_INTERVAL_MS = 30_000;

/**
 * An express-rate-limit store counting in Redis, so every replica shares one count. When Redis
 * does not answer, the request passes (fail open) and the outage is logged: a limit is there to
 * slow abuse, not to take the service down with Redis.
 */
export class RedisRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private lastComplaint = 0;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    try {
      const [hits, ttl] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, this.windowMs)) as [
        number,
        number,
      ];
      return { totalHits: hits, resetTime: new Date(Date.now() + ttl) };
    } catch (error) {
      this.complain(error);
      return { totalHits: 0, resetTime: undefined };
    }
  }

  async decrement(key: string): Promise<void> {
    await this.redis.decr(this.prefix + key).catch((error: unknown) => this.complain(error));
  }

  async resetKey(key: string): Promise<void> {
    await this.redis.del(this.prefix + key).catch((error: unknown) => this.complain(error));
  }

  private complain(error: unknown): void {
    const now = Date.now();
    if (now - this.lastComplaint < COMPLAINT_INTERVAL_MS) return;
    this.lastComplaint = now;
    this.logger.warn(
      { err: error, limit: this.prefix },
      'rate limit store unavailable: requests pass unlimited',
    );
  }
}
