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

/** One query in the named database of the test's server; its one row, columns joined by `|`. */
const queryIn = (database: string, sql: string): string =>
  execFileSync(
    'psql',
    [
      server.replace(/\/postgres$/, `/${database}`),
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--command',
      sql,
    ],
    { encoding: 'utf8' },
  ).trim();

/** A stack database on PostgreSQL under a fresh name, in a scratch directory; `stop` drops both. */
async function namedDatabase(prefix: string) {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const dataDir = await scratchDir(prefix);
  const database = await startDatabase({
    dataDir: dataDir.path,
    postgresql: { database: name },
    logger: silentLogger,
  });
  const stop = async () => {
    await database.stop();
    await dataDir.remove();
  };
  return { name, database, stop };
}

/** How long a PostgreSQL session may keep its table counts before `pg_stat_user_tables` shows them. */
const STATISTICS_DELAY_MS = 11_000;

describe.skipIf(!postgresqlReachable())('FerretDB on a local PostgreSQL', () => {
  it('when the stack asks for a PostgreSQL database, then documents live in it, and stopping drops it', async () => {
    const { name, database, stop } = await namedDatabase('scontrino_stack_test');
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
      await stop();
    }
    expect(databases()).not.toContain(name);
  });

  it('when FerretDB creates an index, then its equality filters are index scans, and unique still refuses', async () => {
    const dataDir = await scratchDir('ferretdb-pg-index');
    const database = await startDatabase({ dataDir: dataDir.path, logger: silentLogger });
    const connection = await mongoose.createConnection(withDatabaseName(database.url, 'shop')).asPromise();
    try {
      const Sales = connection.collection('sales');
      await Sales.createIndex({ storeId: 1, transactionId: 1 }, { unique: true });
      await Sales.createIndex({ identifiers: 1 });
      await Sales.insertMany(
        Array.from({ length: 3000 }, (_, i) => ({
          _id: `sale_${i}` as never,
          storeId: `S${i % 30}`,
          transactionId: `T${i}`,
          identifiers: [`card:${i}`, `email:${i % 100}`],
        })),
      );
      const planOf = async (filter: object) =>
        JSON.stringify(await connection.db!.command({ explain: { find: 'sales', filter } }));
      for (const filter of [
        { _id: 'sale_42' },
        { storeId: 'S3', transactionId: 'T33' },
        { identifiers: 'card:77' },
      ]) {
        const plan = await planOf(filter);
        expect(plan, JSON.stringify(filter)).toContain('Bitmap Index Scan');
        expect(plan, JSON.stringify(filter)).not.toContain('Seq Scan');
      }
      expect(await Sales.findOne({ identifiers: 'card:77' })).toMatchObject({ _id: 'sale_77' });
      const duplicate = await Sales.insertOne({
        _id: 'other' as never,
        storeId: 'S3',
        transactionId: 'T33',
      }).then(
        () => null,
        (error: { code?: number }) => error.code,
      );
      expect(duplicate).toBe(11000);
    } finally {
      await connection.close();
      await database.stop();
      await dataDir.remove();
    }
  });

  it('when three services update many documents at once, then FerretDB keeps answering', async () => {
    const dataDir = await scratchDir('ferretdb-pg-pool');
    const database = await startDatabase({ dataDir: dataDir.path, logger: silentLogger });
    // One client per service, each from the url the stack hands the services.
    const services = await Promise.all(
      ['receipt', 'loyalty', 'reconciliation'].map((name) =>
        mongoose.createConnection(withDatabaseName(database.url, name)).asPromise(),
      ),
    );
    try {
      await Promise.all(
        services.map((connection) =>
          connection
            .collection('members')
            .insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: `m${i}` as never, points: 0 }))),
        ),
      );
      // 90 single updates in flight together: uncapped, they held every connection of FerretDB's
      // pool while waiting for another one, and no command was ever answered again.
      const updates = services.flatMap((connection) =>
        Array.from({ length: 30 }, (_, i) =>
          connection.collection('members').updateOne({ _id: `m${i}` as never }, { $inc: { points: 10 } }),
        ),
      );
      const results = await Promise.all(updates);
      expect(results.every((result) => result.modifiedCount === 1)).toBe(true);
      const ping = await services[0]!.db!.command({ ping: 1 });
      expect(ping.ok).toBe(1);
    } finally {
      await Promise.all(services.map((connection) => connection.close()));
      await database.stop();
      await dataDir.remove();
    }
  });

  it(
    'when a collection read by _id while small grows large, then its reads still use the index',
    { timeout: 60_000 },
    async () => {
      const { name, database, stop } = await namedDatabase('scontrino_stack_plans');
      const connection = await mongoose.createConnection(withDatabaseName(database.url, 'graph')).asPromise();
      const scans = () => {
        const [seq, index] = queryIn(
          name,
          `SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE schemaname = 'graph' AND relname LIKE 'identifiers_%'`,
        )
          .split('|')
          .map(Number);
        return { seq: seq!, index: index! };
      };
      try {
        const Identifiers = connection.collection<{ _id: string; n: number }>('identifiers');
        await Identifiers.insertMany(Array.from({ length: 20 }, (_, n) => ({ _id: `id-${n}`, n })));
        // Read while small, many times on each of FerretDB's connections: PostgreSQL then settles
        // the prepared statement on a generic plan unless the database forbids it.
        for (let round = 0; round < 120; round += 1) await Identifiers.findOne({ _id: `id-${round % 20}` });
        for (let from = 20; from < 20_000; from += 2_000)
          await Identifiers.insertMany(
            Array.from({ length: 2_000 }, (_, n) => ({ _id: `id-${from + n}`, n })),
          );
        for (let round = 0; round < 60; round += 1)
          expect(await Identifiers.findOne({ _id: `id-${19_000 + round}` })).toMatchObject({
            n: 980 + round,
          });
        // A PostgreSQL session reports its counts when idle, at the latest 10 s later.
        await new Promise((resolve) => setTimeout(resolve, STATISTICS_DELAY_MS));
        const { seq, index } = scans();

        // The 60 reads of the large collection went to the index (the small one may be scanned:
        // 20 rows are cheaper to read than an index). On a generic plan they were 59 full scans.
        expect(index).toBeGreaterThanOrEqual(60);
        expect(seq).toBeLessThan(10);
      } finally {
        await connection.close();
        await stop();
      }
    },
  );

  it('acknowledges commits without waiting for the disk, as MongoDB does a w:1 write', async () => {
    const { name, stop } = await namedDatabase('scontrino_stack_commit');
    try {
      const setting = queryIn(name, 'SHOW synchronous_commit');
      expect(setting).toBe('off');
    } finally {
      await stop();
    }
  });
});
