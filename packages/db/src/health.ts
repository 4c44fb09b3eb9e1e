import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';

/**
 * Whether the server answers a `ping` within `timeoutMs`. Never throws, so it can back a
 * readiness probe directly.
 */
export async function isDatabaseReachable(connection: Connection, timeoutMs = 1_000): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  const abort = new AbortController();
  const ping = db
    .admin()
    .ping()
    .then(() => true)
    .catch(() => false);
  const timeout = sleep(timeoutMs, false, { signal: abort.signal }).catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    abort.abort();
  }
}
