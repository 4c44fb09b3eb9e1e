import type { Connection } from 'mongoose';
import type { Logger } from 'pino';

/** How often the client is looked at, and how many looks in a row it must be stuck before it is revived. */
const CHECK_EVERY_MS = 5_000;
const STUCK_LOOKS = 2;

/** The driver's internals read here (mongodb 6.x): the topology's servers and their monitors. */
interface ServerLike {
  description?: { type?: string };
  monitor?: { s?: { state?: string }; connection?: { closed?: boolean } | null };
}

/**
 * Whether the driver's server monitor hangs on a closed connection: the server `Unknown`, the
 * monitor still "monitoring", its own connection closed. Seen with mongodb 6.20 on FerretDB after
 * a link stalled and was then cut: the heartbeat never ends, the pool stays paused, and no socket
 * to the database is opened again however long one waits (the monitor's own `reset()` needs a
 * `topologyVersion`, which FerretDB does not send). Read from internals, so it answers false if
 * they change shape.
 */
export function hasStuckMonitor(connection: Connection): boolean {
  const topology = (
    connection.getClient() as unknown as { topology?: { s?: { servers?: Map<string, ServerLike> } } }
  ).topology;
  for (const server of topology?.s?.servers?.values() ?? []) {
    const monitor = server.monitor;
    if (
      server.description?.type === 'Unknown' &&
      monitor?.s?.state === 'monitoring' &&
      monitor.connection?.closed === true
    )
      return true;
  }
  return false;
}

/**
 * Watches for a stuck monitor (see {@link hasStuckMonitor}) and, when it stays stuck over two
 * looks, closes the client and connects it again: a new topology with a new monitor and pool. The
 * connection's models keep working (they reach the database through the client). A connection
 * that fails (the database still out of reach) is tried again at every look until it succeeds:
 * a client left closed would fail every command ("Topology is closed") until the process ends.
 * Returns the stop.
 */
export function reviveStuckMonitor(connection: Connection, logger: Logger): () => void {
  let looks = 0;
  let reviving = false;
  /** Closed by this watch and not connected again yet. */
  let closed = false;
  const timer = setInterval(() => {
    if (reviving) return;
    if (!closed) {
      looks = hasStuckMonitor(connection) ? looks + 1 : 0;
      if (looks < STUCK_LOOKS) return;
      looks = 0;
      logger.warn('database monitor stuck on a closed connection: connecting the client again');
    }
    reviving = true;
    const client = connection.getClient();
    const closing = closed ? Promise.resolve() : client.close(true);
    closing
      .then(() => {
        closed = true;
        return client.connect();
      })
      .then(() => {
        closed = false;
        logger.info('database client connected again');
      })
      .catch((error: unknown) =>
        logger.error(
          { reason: error instanceof Error ? error.message : String(error) },
          `database reconnect failed; trying again in ${CHECK_EVERY_MS / 1000} s`,
        ),
      )
      .finally(() => {
        reviving = false;
      });
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
