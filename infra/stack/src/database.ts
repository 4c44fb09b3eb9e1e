import { startFerretdb, ensureFerretdbBinary } from './ferretdb.js';
import { silentLogger, type Logger } from './logger.js';
import { startMongod } from './mongod.js';
import { externalServer, type RestartableServer } from './server.js';
import { createStackPostgresql } from './postgresql.js';
import { findOnPath } from './which.js';

export type DatabaseKind = 'external' | 'mongod' | 'ferretdb' | 'ferretdb-postgresql';

/**
 * A MongoDB-compatible server, the first available of: MONGODB_URI as-is (never stopped by us),
 * `mongod` on PATH, FerretDB built from infra/ferretdb (on PostgreSQL when asked and available,
 * else on SQLite files). Its url names no database: callers choose theirs with {@link withDatabaseName}.
 */
export async function startDatabase(opts: {
  dataDir: string;
  logger?: Logger;
  /**
   * For FerretDB, a database of this name on a PostgreSQL server when there is one (see
   * postgresql.ts), dropped when the server stops; SQLite files in `dataDir` otherwise.
   */
  postgresqlDatabase?: string;
}): Promise<RestartableServer & { kind: DatabaseKind }> {
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
  const postgresql = opts.postgresqlDatabase
    ? await createStackPostgresql(opts.postgresqlDatabase, logger)
    : undefined;
  if (!postgresql)
    return Object.assign(await startFerretdb({ binary, dataDir: opts.dataDir, logger }), {
      kind: 'ferretdb' as const,
    });
  try {
    const server = await startFerretdb({
      binary,
      dataDir: opts.dataDir,
      postgresqlUrl: postgresql.url,
      logger,
    });
    const stop = server.stop.bind(server);
    return Object.assign(server, {
      kind: 'ferretdb-postgresql' as const,
      stop: async () => {
        await stop();
        await postgresql.drop();
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
