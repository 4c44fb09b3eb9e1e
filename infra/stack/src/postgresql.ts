import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from './logger.js';
import { findOnPath } from './which.js';

const run = promisify(execFile);

/** Where the launcher looks for a local PostgreSQL unless SCONTRINO_POSTGRESQL_URL names one. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of its own on a PostgreSQL server, dropped again by `drop()`. */
export interface StackPostgresql {
  /** The database's connection string, for FerretDB's PostgreSQL backend. */
  url: string;
  drop(): Promise<void>;
}

/** `serverUrl` with its database path replaced by `name`. */
function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function psql(serverUrl: string, sql: string): Promise<void> {
  await run('psql', [serverUrl, '--no-psqlrc', '--quiet', '--set', 'ON_ERROR_STOP=1', '--command', sql], {
    timeout: 10_000,
  });
}

/**
 * Creates a fresh database named `name` on the PostgreSQL server of SCONTRINO_POSTGRESQL_URL, or
 * else on a local one at 127.0.0.1:5432 if `psql` reaches it. Undefined when there is none, or
 * when it refuses: the caller falls back to SQLite files.
 */
export async function createStackPostgresql(
  name: string,
  logger: Logger,
): Promise<StackPostgresql | undefined> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  const serverUrl = process.env.SCONTRINO_POSTGRESQL_URL ?? LOCAL_SERVER;
  if (!findOnPath('psql')) return undefined;
  try {
    await psql(serverUrl, `CREATE DATABASE ${name}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    logger.debug(`no PostgreSQL for the stack (${reason}); using SQLite files`);
    return undefined;
  }
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      await psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) =>
        logger.warn(`could not drop PostgreSQL database ${name}: ${String(error)}`),
      );
    },
  };
}
