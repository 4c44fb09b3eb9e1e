import { startDatabase, tempDir, testDatabaseUri, uniqueName } from '@scontrino/testing';
import mongoose, { type Connection, Schema } from 'mongoose';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import { isDatabaseReachable } from './health.js';

const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect(uri: string, logger = silent): Promise<Connection> {
  const connection = await connectDatabase({
    uri,
    logger,
    appName: 'db-test',
    retry: { initialDelayMs: 50, maxDelayMs: 500, attempts: 60 },
  });
  cleanups.push(() => closeDatabase(connection));
  return connection;
}

async function privateDatabase(label: string) {
  const database = await startDatabase({ dataDir: await tempDir(label), logger: silent });
  cleanups.push(() => database.stop());
  return database;
}

/** A pino logger whose entries the test can read. */
function recordingLogger() {
  const entries: { level: number; msg: string }[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => void entries.push(JSON.parse(line) as { level: number; msg: string }) },
  );
  return { logger, entries };
}

describe('connectDatabase', () => {
  it('connects, and a document written reads back as a plain object', async () => {
    const connection = await connect(testDatabaseUri('db_roundtrip'));
    const Notes = connection.model('Note', new Schema({ text: String, cents: Number }));

    const { _id } = await Notes.create({ text: 'caffè', cents: 120 });
    const read = await Notes.findById(_id).lean();

    expect(read).toMatchObject({ text: 'caffè', cents: 120 });
    expect(read).not.toBeInstanceOf(mongoose.Document);
  });

  it('when given a command listener, then each command the service sends is reported once, by name and collection', async () => {
    const commands: string[] = [];
    const connection = await connectDatabase({
      uri: testDatabaseUri('db_commands'),
      logger: silent,
      onCommand: (name, collection) => commands.push(`${name} ${collection}`),
    });
    cleanups.push(() => closeDatabase(connection));
    const sales = connection.collection('sales');

    commands.length = 0;
    await sales.insertOne({ _id: 'sale-1' as never, total: 1250 });
    await sales.findOne({ _id: 'sale-1' as never });
    await sales.updateOne({ _id: 'sale-1' as never }, { $set: { total: 1300 } });
    await connection.db?.admin().ping();

    expect(commands).toEqual(['insert sales', 'find sales', 'update sales', 'ping ']);
  });

  it('when the database comes up after the service, then connecting retries until it is reachable', async ({
    skip,
  }) => {
    const database = await privateDatabase('late_db');
    if (database.kind === 'external') skip('an external database cannot be stopped');
    await database.stop();
    const { logger, entries } = recordingLogger();

    const connecting = connect(`${database.url}/${uniqueName('late')}`, logger);
    await vi.waitFor(
      () => expect(entries.map((entry) => entry.msg)).toContain('database connect failed, retrying'),
      {
        timeout: 10_000,
      },
    );
    await database.restart();
    const connection = await connecting;

    expect(await isDatabaseReachable(connection)).toBe(true);
  }, 60_000);

  it('when every attempt fails, then it rejects after the configured attempts', async ({ skip }) => {
    const database = await privateDatabase('gone_db');
    if (database.kind === 'external') skip('an external database cannot be stopped');
    await database.stop();

    await expect(
      connectDatabase({
        uri: database.url,
        logger: silent,
        retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
      }),
    ).rejects.toThrow('database unreachable after 2 attempts');
  }, 30_000);
});

describe('isDatabaseReachable', () => {
  it('is false once the database stops and true again after it restarts', async ({ skip }) => {
    const database = await privateDatabase('flaky_db');
    if (database.kind === 'external') skip('an external database cannot be stopped');
    const connection = await connect(`${database.url}/${uniqueName('flaky')}`);
    expect(await isDatabaseReachable(connection)).toBe(true);

    await database.stop();
    expect(await isDatabaseReachable(connection, 500)).toBe(false);

    await database.restart();
    await vi.waitFor(async () => expect(await isDatabaseReachable(connection)).toBe(true), {
      timeout: 20_000,
      interval: 250,
    });
  }, 60_000);
});

describe('closeDatabase', () => {
  it('closes the connection, and closing again is harmless', async () => {
    const connection = await connect(testDatabaseUri('db_close'));

    await closeDatabase(connection);
    await closeDatabase(connection);

    expect(connection.readyState).toBe(mongoose.ConnectionStates.disconnected);
    expect(await isDatabaseReachable(connection)).toBe(false);
  });
});
