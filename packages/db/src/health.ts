import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';

/**
 * How often the driver's monitor asks the server `hello` (the driver's default): on a connection
 * of its own, outside the pool the service's commands share.
 */
export const HEARTBEAT_FREQUENCY_MS = 10_000;

/** What the driver's monitor last heard from the server. */
interface MonitorState {
  /** `Date.now()` of the last heartbeat answered; 0 before the first. */
  answeredAt: number;
  /** A heartbeat failed, or a command's network error cleared the pool, since the last answer. */
  lost: boolean;
}

const monitors = new WeakMap<ReturnType<Connection['getClient']>, MonitorState>();

/**
 * Follows the driver's own monitoring of the server (heartbeats, the pool cleared on a network
 * error), for {@link isDatabaseReachable}. Called by `connectDatabase`; calling it again is a no-op.
 */
export function watchServerMonitor(connection: Connection): void {
  const client = connection.getClient();
  if (monitors.has(client)) return;
  const state: MonitorState = { answeredAt: 0, lost: false };
  monitors.set(client, state);
  client.on('serverHeartbeatSucceeded', () => {
    state.answeredAt = Date.now();
    state.lost = false;
  });
  client.on('serverHeartbeatFailed', () => {
    state.lost = true;
  });
  client.on('connectionPoolCleared', () => {
    state.lost = true;
  });
}

/**
 * Whether the server answers, within `timeoutMs`. Never throws, so it can back a readiness probe
 * directly.
 *
 * A `ping` goes through the service's pool: answered, the server is reachable; failed, it is
 * not. Not answered in time, it may only be waiting for a connection behind the service's own
 * work (a busy service, or the backlog that every job and till retries at once after a database
 * restart): then the driver's monitor decides, which asks the server on a connection of its own
 * every {@link HEARTBEAT_FREQUENCY_MS}. Reachable when its last heartbeat was answered recently
 * and nothing failed since. Without this, a busy service's probe failed for as long as the
 * backlog lasted (minutes on a loaded machine), and a load balancer would take the busy replica
 * out, loading the others more.
 */
export async function isDatabaseReachable(connection: Connection, timeoutMs = 1_000): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  const abort = new AbortController();
  const ping = db
    .admin()
    .ping()
    .then(() => 'answered' as const)
    .catch(() => 'failed' as const);
  const timeout = sleep(timeoutMs, 'late' as const, { signal: abort.signal }).catch(() => 'late' as const);
  let outcome: 'answered' | 'failed' | 'late';
  try {
    outcome = await Promise.race([ping, timeout]);
  } finally {
    abort.abort();
  }
  if (outcome !== 'late') return outcome === 'answered';
  const monitor = monitors.get(connection.getClient());
  // A monitor check on a stalled link fails after the connect timeout (5 s): allow one missed beat.
  return (
    monitor !== undefined &&
    !monitor.lost &&
    Date.now() - monitor.answeredAt <= 2 * HEARTBEAT_FREQUENCY_MS + timeoutMs
  );
}
