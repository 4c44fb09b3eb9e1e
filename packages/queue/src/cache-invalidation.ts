import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Tells every replica of a service that something it may hold in memory changed. */
export interface CacheInvalidation {
  /** Announces `key` to every replica, this one included; resolves once Redis took it. */
  announce(key: string): Promise<void>;
  /** Calls `listener` with every key announced from now on, by any replica. */
  onAnnounce(listener: (key: string) => void): void;
  close(): void;
}

/**
 * Cache invalidation over Redis pub/sub on `channel`: one subscriber connection and one for
 * publishing. Pub/sub keeps nothing: a replica that is disconnected when a key is announced never
 * hears of it, so the caches it feeds must also expire on their own after a few seconds.
 */
export function redisCacheInvalidation(opts: {
  redisUrl: string;
  channel: string;
  logger: Logger;
}): CacheInvalidation {
  const listeners: ((key: string) => void)[] = [];
  // An announcement waits for one reconnect at most: while Redis is down, expiry covers it.
  const publisher = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  const subscriber = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
  for (const connection of [publisher, subscriber])
    connection.on('error', (error: Error) =>
      opts.logger.debug({ err: error }, 'cache invalidation: Redis error'),
    );
  subscriber.on('message', (channel: string, key: string) => {
    if (channel !== opts.channel) return;
    for (const listener of listeners) listener(key);
  });
  subscriber
    .subscribe(opts.channel)
    .catch((error: unknown) =>
      opts.logger.warn(
        { err: error },
        'cache invalidation: could not subscribe; caches rely on expiry alone',
      ),
    );

  return {
    async announce(key) {
      await publisher.publish(opts.channel, key);
    },
    onAnnounce(listener) {
      listeners.push(listener);
    },
    close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
