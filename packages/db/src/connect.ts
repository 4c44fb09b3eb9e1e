import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection } from 'mongoose';
import type { Logger } from 'pino';
import { HEARTBEAT_FREQUENCY_MS, watchServerMonitor } from './health.js';
import { redactUri } from './redact-uri.js';
import { reviveStuckMonitor } from './stuck-monitor.js';

export interface ConnectRetryOptions {
  /** Connection attempts before giving up, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface ConnectDatabaseOptions {
  uri: string;
  logger: Logger;
  /** Shown by the server in its logs and `currentOp`, e.g. the service name. */
  appName?: string;
  retry?: Partial<ConnectRetryOptions>;
  /**
   * Called with the name of every command the connection sends (`insert`, `find`, `update`…) and
   * the collection it names ('' for one that names none, such as `hello`), through the driver's
   * command monitoring: the service counts its database work with it.
   */
  onCommand?: (commandName: string, collection: string) => void;
  /** How long one command may wait for its answer; default {@link DEFAULT_SOCKET_TIMEOUT_MS}. */
  socketTimeoutMs?: number;
  /** How long a command may wait for a pooled connection; default {@link WAIT_QUEUE_TIMEOUT_MS}. */
  waitQueueTimeoutMs?: number;
}

/**
 * Mongoose records where each query was first run (`new Error().stack`), only to quote it in a
 * "Query was already executed" error, which this code never provokes. Building that stack costs
 * on every query, and far more with source maps on (`--enable-source-maps` maps every frame):
 * about 1 % of the receipt service's CPU under the ingest bench. Set once for the process, on the
 * mongoose instance every connection of this package is created from.
 */
mongoose.set('skipOriginalStackTraces', true);

/** About a minute of waiting: long enough for a database started beside the service (compose, k8s). */
export const DEFAULT_CONNECT_RETRY: ConnectRetryOptions = {
  attempts: 12,
  initialDelayMs: 250,
  maxDelayMs: 8_000,
};

/** Small so that one attempt fails fast and the retry loop, which logs, does the waiting. */
const SERVER_SELECTION_TIMEOUT_MS = 2_000;

/**
 * How long a command waits for its answer before its connection is closed and the command fails
 * (and is retried by its caller). The driver's default is for ever: over a link that stalls (a
 * partition, a frozen proxy, a database paused mid-answer) an answer that was dropped never comes,
 * the command never ends, and neither does the request or job that waits on it; the service looks
 * like it never reconnected. A minute leaves room for the slowest legitimate query.
 */
export const DEFAULT_SOCKET_TIMEOUT_MS = 60_000;

/**
 * How long opening a connection (TCP and the handshake) may take. The driver's default, 30 s,
 * is what a retried command waits on a stalled link before it fails.
 */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long a command may wait for a free pooled connection before it fails as out of reach (a 503
 * with `Retry-After` to the caller, a retry for a job). The driver's default is for ever: behind a
 * slow or stalled database every request would queue without bound, and the service would keep
 * doing work for callers that gave up long ago (the chaos soak saw thousands of them). Generous,
 * because the wait includes opening a connection, which takes seconds on a starved machine; the
 * admission limit in front of the routes is what keeps the queue short.
 */
export const WAIT_QUEUE_TIMEOUT_MS = 30_000;

/**
 * Opens a connection of its own (never the global mongoose) and retries the first connect with
 * exponential backoff and full jitter. After that the driver reconnects by itself.
 *
 * `autoIndex` stays on: unique indexes carry correctness here (idempotency keys, processed
 * events), local and test databases start empty, and there is no separate migration step.
 * Creating an index that exists is a no-op, so only new indexes are built at boot.
 * Use {@link ensureIndexes} to wait for them.
 */
export async function connectDatabase(options: ConnectDatabaseOptions): Promise<Connection> {
  const retry = { ...DEFAULT_CONNECT_RETRY, ...options.retry };
  const logger = options.logger.child({ database: redactUri(options.uri) });

  for (let attempt = 1; ; attempt++) {
    const connection = mongoose.createConnection(options.uri, {
      appName: options.appName,
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      socketTimeoutMS: options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
      connectTimeoutMS: CONNECT_TIMEOUT_MS,
      heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
      waitQueueTimeoutMS: options.waitQueueTimeoutMs ?? WAIT_QUEUE_TIMEOUT_MS,
      autoIndex: true,
      // Commands are counted (what a use case costs carries to production; a timing does not).
      monitorCommands: true,
    });
    // From the first heartbeat on: readiness trusts it when a ping waits behind the service's work.
    watchServerMonitor(connection);
    try {
      await connection.asPromise();
      if (options.onCommand) countCommands(connection, options.onCommand);
      watchConnection(connection, logger);
      revivers.set(connection, reviveStuckMonitor(connection, logger));
      logger.info({ attempt }, 'database connected');
      return connection;
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (attempt >= retry.attempts) {
        throw new Error(`database unreachable after ${attempt} attempts`, { cause: error });
      }
      const delayMs = backoffDelay(attempt, retry);
      logger.warn({ attempt, delayMs, reason: errorMessage(error) }, 'database connect failed, retrying');
      await sleep(delayMs);
    }
  }
}

/** The watch of each open connection's driver monitor (stuck-monitor.ts), stopped when it closes. */
const revivers = new WeakMap<Connection, () => void>();

/** Closes the connection and its pool; a second call is a no-op. */
export async function closeDatabase(connection: Connection): Promise<void> {
  revivers.get(connection)?.();
  if (connection.readyState === mongoose.ConnectionStates.disconnected) return;
  // A disconnect we asked for is not worth a warning.
  connection.removeAllListeners('disconnected');
  await connection.close();
}

function countCommands(
  connection: Connection,
  onCommand: (commandName: string, collection: string) => void,
): void {
  connection.getClient().on('commandStarted', (event) => {
    const { command, commandName } = event;
    // `{find: 'sales', …}`; a getMore names its cursor there and its collection beside it.
    const named: unknown = commandName === 'getMore' ? command.collection : command[commandName];
    onCommand(commandName, typeof named === 'string' ? named : '');
  });
}

function watchConnection(connection: Connection, logger: Logger): void {
  connection.on('disconnected', () => logger.warn('database disconnected'));
  connection.on('reconnected', () => logger.info('database reconnected'));
  connection.on('error', (error: unknown) => logger.error({ reason: errorMessage(error) }, 'database error'));
}

/** Full jitter: a random delay up to the exponential cap, so restarted replicas do not retry in step. */
function backoffDelay(attempt: number, retry: ConnectRetryOptions): number {
  const cap = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(Math.random() * cap);
}

// Only the message: driver errors carry topology details we do not want in logs.
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
