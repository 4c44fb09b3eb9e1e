import { startFerretdb, ensureFerretdbBinary } from './ferretdb.js';
import { silentLogger, type Logger } from './logger.js';
import { startMongod } from './mongod.js';
import { externalServer, type RestartableServer } from './server.js';
import { createStackPostgresql, ferretdbClientPoolSize, temporaryDatabaseName } from './postgresql.js';
import { findOnPath } from './which.js';

export type DatabaseKind = 'external' | 'mongod' | 'ferretdb' | 'ferretdb-postgresql';

/**
 * A MongoDB-compatible server, the first available of: MONGODB_URI as-is (never stopped by us),
 * `mongod` on PATH, FerretDB built from infra/ferretdb in a PostgreSQL database of its own
 * (indexed: see gin-mirror.ts), else FerretDB on SQLite files in `dataDir` when no PostgreSQL
 * can be reached. Its url names no database: callers choose theirs with {@link withDatabaseName}.
 */
export async function startDatabase(opts: {
  dataDir: string;
  logger?: Logger;
  /**
   * The PostgreSQL database FerretDB runs in. Default: a fresh one, dropped when the server
   * stops. With `keep`, a database of that name is reused and survives the stop. `false` forces
   * SQLite files (as does SCONTRINO_DATABASE=sqlite).
   */
  postgresql?: { database: string; keep?: boolean } | false;
}): Promise<RestartableServer & { kind: DatabaseKind; postgresqlDatabase?: string }> {
  const logger = opts.logger ?? silentLogger;
  const external = process.env.MONGODB_URI;
  if (external) return { ...externalServer(external), kind: 'external' };

  const mongod = findOnPath('mongod');
  if (mongod)
    // Object.assign keeps the live `pid` getter that a spread would freeze.
    return Object.assign(await startMongod({ command: mongod, dataDir: opts.dataDir, logger }), {
      kind: 'mongod' as const,
    });
  const binary = await ensureFerretdbBinary({ logger });
  const wanted =
    opts.postgresql === false || process.env.SCONTRINO_DATABASE === 'sqlite'
      ? undefined
      : (opts.postgresql ?? { database: temporaryDatabaseName('db') });
  const postgresql = wanted
    ? await createStackPostgresql(wanted.database, logger, { keep: wanted.keep ?? false })
    : undefined;
  if (!wanted || !postgresql) {
    if (wanted)
      logger.warn(
        'no PostgreSQL reachable (SCONTRINO_POSTGRESQL_URL, or 127.0.0.1:5432): FerretDB runs on SQLite files, where queries scan whole collections',
      );
    return Object.assign(await startFerretdb({ binary, dataDir: opts.dataDir, logger }), {
      kind: 'ferretdb' as const,
    });
  }
  try {
    const server = await startFerretdb({
      binary,
      dataDir: opts.dataDir,
      postgresqlUrl: postgresql.url,
      logger,
    });
    // Every client of this server (one per service) keeps below FerretDB's share of its pool.
    server.url = `${server.url.replace(/\/$/, '')}/?maxPoolSize=${ferretdbClientPoolSize()}`;
    const stopServer = server.stop.bind(server);
    const restartServer = server.restart.bind(server);
    let dropped = false;
    return Object.assign(server, {
      kind: 'ferretdb-postgresql' as const,
      /** The PostgreSQL database FerretDB keeps its data in. */
      postgresqlDatabase: wanted.database,
      /** Stops FerretDB and drops its PostgreSQL database (unless kept). */
      stop: async () => {
        await stopServer();
        await postgresql.drop();
        dropped = !wanted.keep;
      },
      /** Keeps the data of a running server; after stop() it starts on a new, empty database. */
      restart: async () => {
        if (dropped) {
          await createStackPostgresql(wanted.database, logger, { keep: wanted.keep ?? false });
          dropped = false;
        }
        await restartServer();
      },
    });
  } catch (error) {
    await postgresql.drop();
    throw error;
  }
}

/** The kind of database startDatabase would pick, without starting anything. */
export function databaseKind(): DatabaseKind {
  if (process.env.MONGODB_URI) return 'external';
  return findOnPath('mongod') ? 'mongod' : 'ferretdb';
}

/**
 * `uri` with its database path set to `name`, keeping hosts and options:
 * `mongodb://h1,h2/?replicaSet=rs` + `shop` → `mongodb://h1,h2/shop?replicaSet=rs`.
 * Works on the string because multi-host URIs are not valid WHATWG URLs.
 */
export function withDatabaseName(uri: string, name: string): string {
  const queryAt = uri.indexOf('?');
  const base = queryAt === -1 ? uri : uri.slice(0, queryAt);
  const query = queryAt === -1 ? '' : uri.slice(queryAt);
  const schemeEnd = base.indexOf('://') + 3;
  const pathAt = base.indexOf('/', schemeEnd);
  const hosts = pathAt === -1 ? base : base.slice(0, pathAt);
  return `${hosts}/${name}${query}`;
}
