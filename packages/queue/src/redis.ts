import { Redis, type RedisOptions } from 'ioredis';
import { countRedisCommands } from './redis-commands.js';

/** The three kinds of connection bull asks for. */
export type BullConnectionType = 'client' | 'subscriber' | 'bclient';

export interface RedisConnections {
  /** bull's `createClient` option. */
  createClient(type: BullConnectionType): Redis;
  /** Disconnects every connection handed out; call it once the queues are closed. */
  close(): void;
}

/**
 * bull refuses a blocking or subscriber connection that retries requests or waits for the
 * ready check: those connections idle in BRPOPLPUSH / SUBSCRIBE.
 */
const BLOCKING_OPTIONS: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };

/**
 * A command waits through at most a few reconnect attempts (well under a second), so adding a
 * job fails fast while Redis is down: the outbox dispatcher then backs off and the event stays
 * in its document, instead of hanging the dispatcher.
 */
const COMMAND_OPTIONS: RedisOptions = { maxRetriesPerRequest: 3 };

/**
 * bull's connection-reuse pattern: every queue of the process shares one `client` and one
 * `subscriber`; each queue gets its own `bclient`, since a blocking call holds its connection.
 */
export function createRedisConnections(redisUrl: string): RedisConnections {
  const opened = new Set<Redis>();
  let client: Redis | undefined;
  let subscriber: Redis | undefined;

  const open = (options: RedisOptions): Redis => {
    const connection = countRedisCommands(new Redis(redisUrl, options));
    opened.add(connection);
    return connection;
  };

  return {
    createClient(type) {
      switch (type) {
        case 'client':
          return (client ??= open(COMMAND_OPTIONS));
        case 'subscriber':
          return (subscriber ??= open(BLOCKING_OPTIONS));
        case 'bclient':
          return open(BLOCKING_OPTIONS);
      }
    },
    close() {
      // disconnect, not quit: quit would wait in the offline queue while Redis is down.
      for (const connection of opened) connection.disconnect();
      opened.clear();
      client = undefined;
      subscriber = undefined;
    },
  };
}

/**
 * Whether Redis answers a PING within `timeoutMs`, on a throwaway connection that neither
 * queues commands offline nor reconnects. Never throws and never hangs: fit for a readiness probe.
 */
export async function isRedisReachable(redisUrl: string, timeoutMs = 1_000): Promise<boolean> {
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
