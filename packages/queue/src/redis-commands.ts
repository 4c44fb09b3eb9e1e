import type { Command, Redis } from 'ioredis';

/** Told the name of each Redis command this process sends (`evalsha`, `brpoplpush`, `publish`…). */
export type RedisCommandListener = (commandName: string) => void;

const listeners = new Set<RedisCommandListener>();
const counted = new WeakSet<Redis>();

/**
 * Reports every command `client` sends to the process's listeners ({@link onRedisCommand}).
 * Process-wide, unlike the database's per-connection hook, because Redis connections are opened
 * in several places (bull's, the rate limits'), none of which knows the service's metrics.
 * Pipelined and MULTI commands count one each, as Redis counts them; a command re-sent after a
 * reconnect counts once.
 */
export function countRedisCommands(client: Redis): Redis {
  if (counted.has(client)) return client;
  counted.add(client);
  const send = client.sendCommand.bind(client);
  const seen = new WeakSet<Command>();
  client.sendCommand = (command, stream) => {
    if (!seen.has(command)) {
      seen.add(command);
      for (const listener of listeners) listener(command.name);
    }
    return send(command, stream);
  };
  return client;
}

/** Listens to the commands of every counted client of this process; returns the unsubscribe. */
export function onRedisCommand(listener: RedisCommandListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
