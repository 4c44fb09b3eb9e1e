import { execFileSync } from 'node:child_process';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { startDatabase, withDatabaseName } from './database.js';
import { silentLogger } from './logger.js';
import { scratchDir } from './test-support.js';
import { findOnPath } from './which.js';

const server = process.env.SCONTRINO_POSTGRESQL_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether this machine has a PostgreSQL the stack could use (the launcher falls back to SQLite otherwise). */
function postgresqlReachable(): boolean {
  if (!findOnPath('psql') || process.env.MONGODB_URI || findOnPath('mongod')) return false;
  try {
    execFileSync('psql', [server, '--no-psqlrc', '--quiet', '--command', 'SELECT 1'], {
      stdio: 'ignore',
      timeout: 5000,
    });
    return true;
  } catch {
    return false;
  }
}

const databases = (): string[] =>
  execFileSync(
    'psql',
    [server, '--no-psqlrc', '--tuples-only', '--no-align', '--command', 'SELECT datname FROM pg_database'],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .map((line) => line.trim());

describe.skipIf(!postgresqlReachable())('FerretDB on a local PostgreSQL', () => {
  it('when the stack asks for a PostgreSQL database, then documents live in it, and stopping drops it', async () => {
    const name = `scontrino_stack_test_${Date.now().toString(36)}`;
    const dataDir = await scratchDir('ferretdb-pg');
    const database = await startDatabase({
      dataDir: dataDir.path,
      postgresqlDatabase: name,
      logger: silentLogger,
    });
    try {
      expect(database.kind).toBe('ferretdb-postgresql');
      expect(databases()).toContain(name);
      const connection = await mongoose.createConnection(withDatabaseName(database.url, 'shop')).asPromise();
      const Sales = connection.collection('sales');
      await Sales.insertMany([
        { _id: 'a' as never, storeId: 'MI-001', total: 1200 },
        { _id: 'b' as never, storeId: 'RM-001', total: 900 },
      ]);
      expect(await Sales.find({ storeId: 'RM-001' }).toArray()).toEqual([
        { _id: 'b', storeId: 'RM-001', total: 900 },
      ]);
      await connection.close();
    } finally {
      await database.stop();
      await dataDir.remove();
    }
    expect(databases()).not.toContain(name);
  });
});
