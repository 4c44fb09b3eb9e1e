import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { GIN_MIRROR_SQL } from './gin-mirror.js';
import type { Logger } from './logger.js';
import { findOnPath } from './which.js';

const run = promisify(execFile);

/** Where the launcher looks for a local PostgreSQL unless SCONTRINO_POSTGRESQL_URL names one. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Connections each FerretDB may open to PostgreSQL, unless SCONTRINO_FERRETDB_POOL says otherwise. */
const DEFAULT_POOL = 20;

/** The PostgreSQL connections each FerretDB of the stack may open. */
export function ferretdbPoolSize(): number {
  const configured = Number(process.env.SCONTRINO_FERRETDB_POOL);
  return Number.isInteger(configured) && configured >= 4 ? configured : DEFAULT_POOL;
}

/**
 * How many commands each MongoDB client (one per service) may have in flight at FerretDB.
 * FerretDB v1 holds a PostgreSQL connection for an update's read while it takes another for the
 * write: when every connection of its pool is held by such a half-done update, none finishes
 * (every service stopped at once under the bench's load, with 8 connections and 8 + 8 + 8 jobs).
 * Three services whose clients together stay below the pool size can never fill it that way.
 */
export function ferretdbClientPoolSize(poolSize = ferretdbPoolSize()): number {
  return Math.max(1, Math.floor((poolSize - 2) / 3));
}

/** A database of its own on a PostgreSQL server; `drop()` removes it unless it was asked to be kept. */
export interface StackPostgresql {
  /** The database's connection string, for FerretDB's PostgreSQL backend. */
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the stack uses: SCONTRINO_POSTGRESQL_URL, else the local one. */
export function postgresqlServerUrl(): string {
  return process.env.SCONTRINO_POSTGRESQL_URL ?? LOCAL_SERVER;
}

/** `serverUrl` with its database path replaced by `name`. */
function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function psql(url: string, sql: string, timeoutMs = 10_000): Promise<string> {
  const { stdout } = await run(
    'psql',
    [
      url,
      '--no-psqlrc',
      '--quiet',
      '--tuples-only',
      '--no-align',
      '--set',
      'ON_ERROR_STOP=1',
      '--command',
      sql,
    ],
    { timeout: timeoutMs },
  );
  return stdout.trim();
}

/** A fresh database name for a run that drops its database at the end: `scontrino_<label>_<random>`. */
export function temporaryDatabaseName(label: string): string {
  return `scontrino_${label}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Creates the database `name` on the PostgreSQL server of SCONTRINO_POSTGRESQL_URL, or else on a
 * local one at 127.0.0.1:5432 if `psql` reaches it, and installs the GIN mirror of FerretDB's
 * indexes in it (gin-mirror.ts). With `keep`, an existing database of that name is reused and
 * `drop()` leaves it. Undefined when there is no server or it refuses: the caller falls back to
 * SQLite files.
 */
export async function createStackPostgresql(
  name: string,
  logger: Logger,
  opts: { keep?: boolean } = {},
): Promise<StackPostgresql | undefined> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  const serverUrl = postgresqlServerUrl();
  if (!findOnPath('psql')) return undefined;
  const url = new URL(withDatabase(serverUrl, name));
  // FerretDB opens up to 50 connections by default: two of them would fill a stock PostgreSQL
  // (max_connections 100) and the next test run would find none. A few are plenty on a small box.
  if (!url.searchParams.has('pool_max_conns'))
    url.searchParams.set('pool_max_conns', String(ferretdbPoolSize()));
  try {
    const exists =
      opts.keep && (await psql(serverUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`)) === '1';
    if (!exists) await psql(serverUrl, `CREATE DATABASE ${name}`);
    // A commit is acknowledged before its WAL reaches the disk, as MongoDB acknowledges a w:1
    // write before its journal is flushed: a crash of the machine can lose the last moments of
    // writes, never corrupt them. Without it every insert waits for an fsync (x1.6 on this box).
    await psql(serverUrl, `ALTER DATABASE ${name} SET synchronous_commit = off`);
    // FerretDB runs each query as a prepared statement whose key is a parameter
    // (`_jsonb -> $1 @> $2`), and PostgreSQL may switch a prepared statement to a generic plan,
    // kept for the connection's life. A generic plan cannot use an index on `_jsonb -> '_id'`:
    // one chosen while a collection was small scans it for good once it is large (a stack that
    // had linked 10,000 observations read every identifier by a full scan: 0 index scans, 8.5
    // observations/s). Planning each execution with its values keeps every look-up on its index.
    await psql(serverUrl, `ALTER DATABASE ${name} SET plan_cache_mode = force_custom_plan`);
    // Creating an event trigger needs a superuser: a managed server may refuse, and then
    // FerretDB still works, only without usable indexes.
    await psql(withDatabase(serverUrl, name), GIN_MIRROR_SQL).catch((error: unknown) =>
      logger.warn(
        `PostgreSQL database ${name}: no index mirror (${firstLine(error)}); every query will scan its collection`,
      ),
    );
  } catch (error) {
    logger.debug(`no PostgreSQL for the stack (${firstLine(error)}); using SQLite files`);
    return undefined;
  }
  return {
    url: url.href,
    async drop() {
      if (opts.keep) return;
      // Dropping a database of a few hundred tables takes longer than the other statements on a
      // loaded machine: a psql killed half-way leaves the database behind.
      await psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, 120_000).catch((error: unknown) =>
        logger.warn(`could not drop PostgreSQL database ${name}: ${firstLine(error)}`),
      );
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message.split('\n').find((line) => line.startsWith('psql:') || line.includes('ERROR')) ??
    message.split('\n')[0] ??
    ''
  );
}
