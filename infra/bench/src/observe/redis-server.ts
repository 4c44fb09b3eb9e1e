import { Redis } from 'ioredis';

/** The bench's own connection to the stack's Redis: the server's command statistics and version. */
export function redisServer(url: string) {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  // Reconnect attempts after the stack stopped Redis are expected; a failed read throws anyway.
  client.on('error', () => undefined);
  return {
    /** Every command the server has run (`INFO commandstats`), Lua scripts' inner calls included. */
    async commandCalls(): Promise<number> {
      const stats = await client.info('commandstats');
      let calls = 0;
      for (const match of stats.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) calls += Number(match[1]);
      return calls;
    },
    async version(): Promise<string | null> {
      return /^redis_version:(\S+)/m.exec(await client.info('server'))?.[1] ?? null;
    },
    close: () => client.disconnect(),
  };
}

export type RedisServer = ReturnType<typeof redisServer>;
