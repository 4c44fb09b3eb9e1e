import { type PerService, SERVICE_NAMES } from '../results.js';
import type { CommandCounts } from './service-metrics.js';

/** `after − before`, command by command (a command first seen later counts from 0). */
export function difference(after: CommandCounts, before: CommandCounts): CommandCounts {
  const delta: CommandCounts = {};
  for (const [command, count] of Object.entries(after)) {
    const change = count - (before[command] ?? 0);
    if (change !== 0) delta[command] = change;
  }
  return delta;
}

/** `a + b × factor`, command by command. */
export function addScaled(a: CommandCounts, b: CommandCounts, factor: number): CommandCounts {
  const sum: CommandCounts = { ...a };
  for (const [command, count] of Object.entries(b)) sum[command] = (sum[command] ?? 0) + count * factor;
  return sum;
}

export const total = (counts: CommandCounts): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** What a service sends by itself: per millisecond idle, and per scrape of its `/metrics`. */
export interface Background {
  idlePerMs: CommandCounts;
  perScrape: CommandCounts;
}

/**
 * The commands a span of work caused: the counters' change over it, less what the service would
 * have sent idle for as long, less what the bench's own scrapes cost (counting the queues).
 */
export function causedBy(
  delta: CommandCounts,
  background: Background,
  span: { durationMs: number; scrapes: number },
): CommandCounts {
  const withoutIdle = addScaled(delta, background.idlePerMs, -span.durationMs);
  return addScaled(withoutIdle, background.perScrape, -span.scrapes);
}

/** Command counts of each service, for the database and Redis. */
export interface ServiceCommands {
  db: CommandCounts;
  redis: CommandCounts;
}

export function emptyCommands(): PerService<ServiceCommands> {
  return Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, { db: {}, redis: {} }]),
  ) as PerService<ServiceCommands>;
}

/** Counts divided by `sales`, rounded to hundredths. */
export function perSale(counts: CommandCounts, sales: number): CommandCounts {
  return Object.fromEntries(
    Object.entries(counts)
      .map(([command, count]): [string, number] => [
        command,
        sales > 0 ? Math.round((count / sales) * 100) / 100 : 0,
      ])
      .filter(([, count]) => count !== 0)
      .sort(([, a], [, b]) => b - a),
  );
}
