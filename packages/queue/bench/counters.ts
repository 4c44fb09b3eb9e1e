import { once } from 'node:events';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';

/** Handshakes and health checks the driver sends on its own: not work of the code measured. */
const DRIVER_CHATTER = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo']);

export interface DatabaseCounter {
  /** Commands started since the last reset, by `name collection` (e.g. `update receipts`). */
  counts(): Map<string, number>;
  reset(): void;
}

/** Counts the commands a connection sends, from the driver's command monitoring. */
export function countDatabaseCommands(connection: Connection): DatabaseCounter {
  let counts = new Map<string, number>();
  connection.getClient().on('commandStarted', (event) => {
    if (DRIVER_CHATTER.has(event.commandName)) return;
    const target: unknown = event.command[event.commandName];
    const key = typeof target === 'string' ? `${event.commandName} ${target}` : event.commandName;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return {
    counts: () => counts,
    reset: () => void (counts = new Map()),
  };
}

export interface RedisCounter {
  /** Calls per command since the last reset, scripts' own calls included, from INFO commandstats. */
  counts(): Promise<Map<string, number>>;
  /** Commands clients sent since the last reset (round trips' worth, scripts' calls excluded), from MONITOR. */
  sent(): Map<string, number>;
  reset(): Promise<void>;
  close(): void;
}

/** Server-wide: nothing else may use this Redis while measuring. The counter's own calls are left out. */
export async function countRedisCommands(redisUrl: string): Promise<RedisCounter> {
  const redis = new Redis(redisUrl);
  // A plain socket: ioredis's own monitor mode loses track of its replies under load.
  const { hostname, port } = new URL(redisUrl);
  const monitor = connect({ host: hostname, port: Number(port) });
  await once(monitor, 'connect');
  monitor.write('MONITOR\r\n');
  let sent = new Map<string, number>();
  for await (const line of createInterface({ input: monitor })) {
    if (line === '+OK') break;
  }
  createInterface({ input: monitor }).on('line', (line) => {
    // +1796529814.856749 [0 127.0.0.1:43582] "evalsha" "…": scripts' own calls say [0 lua].
    const match = /^\+[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"/.exec(line);
    if (!match) return;
    const [, source = '', command = ''] = match;
    const name = command.toLowerCase();
    if (source === 'lua' || name === 'info' || name === 'config') return;
    sent.set(name, (sent.get(name) ?? 0) + 1);
  });
  return {
    sent: () => sent,
    async counts() {
      const info = await redis.info('commandstats');
      const counts = new Map<string, number>();
      for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        const [, name = '', calls = '0'] = match;
        if (name === 'info' || name === 'config') continue;
        counts.set(name, Number(calls));
      }
      return counts;
    },
    async reset() {
      await redis.config('RESETSTAT');
      sent = new Map();
    },
    close() {
      monitor.destroy();
      redis.disconnect();
    },
  };
}

export function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const value of counts.values()) sum += value;
  return sum;
}

/** `name 1.23, other 0.5` per unit, largest first. */
export function perUnit(counts: Map<string, number>, units: number): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `${name} ${(value / units).toFixed(2)}`)
    .join(', ');
}
