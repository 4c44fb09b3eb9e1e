import { onRedisCommand, type RedisCommandListener } from '@scontrino/queue';
import { Counter, type Registry } from 'prom-client';

export interface CommandMetrics {
  /** The database connection's command listener (`connectDatabase({ onCommand })`). */
  onDatabaseCommand: (commandName: string, collection?: string) => void;
  /** Serves both counters from `registry` (the service's, once it is built). */
  register(registry: Registry): void;
}

/**
 * `scontrino_db_commands_total{command,collection}` and `scontrino_redis_commands_total{command}`:
 * every command the service sends to its database (by command name and the collection it names, ''
 * for none: the service's own collections, a bounded set) and to Redis, by command name. A round trip is what a
 * use case costs on any machine, so these are the figures that carry from a laptop to a cluster.
 * The counters exist before the service does, so that the commands of its start are counted too.
 */
export function createCommandMetrics(
  subscribeRedis: (listener: RedisCommandListener) => () => void = onRedisCommand,
): CommandMetrics {
  const database = new Counter({
    name: 'scontrino_db_commands_total',
    help: 'Commands sent to the database, by command name and collection',
    labelNames: ['command', 'collection'],
    registers: [],
  });
  const redis = new Counter({
    name: 'scontrino_redis_commands_total',
    help: 'Commands sent to Redis (queues, rate limits), by command name',
    labelNames: ['command'],
    registers: [],
  });
  // For the life of the process, as the service's own Redis connections are.
  subscribeRedis((command) => redis.inc({ command }));
  return {
    onDatabaseCommand: (command, collection = '') => database.inc({ command, collection }),
    register(registry) {
      registry.registerMetric(database);
      registry.registerMetric(redis);
    },
  };
}
