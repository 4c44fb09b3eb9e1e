import { createFieldCipher, keyringFrom } from '@scontrino/crypto';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import type { EncryptedCollection } from './encrypted-paths.js';
import { REENCRYPTION_PROGRESS, reencryptCollections } from './reencrypt.js';

const logger = pino({ level: 'silent' });
const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const underA = createFieldCipher(keyringFrom({ '1': keyA }, 1));
const rotated = createFieldCipher(keyringFrom({ '1': keyA, '2': keyB }, 2));

const people: EncryptedCollection = {
  collection: 'people',
  fields: [
    { path: 'email.encrypted', context: 'person.email' },
    { path: 'name', context: 'person.name' },
    { path: 'ids[].sealed', context: (holder) => `person.id.${String(holder.type)}` },
  ],
};

let connection: Connection;

/** The connection, with `beforeWrite` run before each `bulkWrite` of the routine (as a writer racing it, or a crash). */
function racing(beforeWrite: (write: number) => Promise<void>): Connection {
  let writes = 0;
  return new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'collection') return Reflect.get(target, property, receiver) as unknown;
      return (name: string) => {
        const collection = target.collection(name);
        return new Proxy(collection, {
          get(inner, key) {
            const value = Reflect.get(inner, key, inner) as unknown;
            if (key !== 'bulkWrite' || typeof value !== 'function') return value;
            return async (...args: unknown[]) => {
              writes += 1;
              await beforeWrite(writes);
              return (value as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
            };
          },
        });
      };
    },
  });
}

/** Database commands sent while `run` runs, as `command collection` (`update people`). */
async function commandsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listener = (event: {
    databaseName: string;
    commandName: string;
    command: Record<string, unknown>;
  }) => {
    if (event.databaseName !== connection.name) return;
    const target = event.command[event.commandName];
    const collection = event.commandName === 'getMore' ? event.command.collection : target;
    sent.push(`${event.commandName} ${String(collection)}`);
  };
  const client = connection.getClient();
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return sent;
}

async function insertStale(collection: string, count: number) {
  await connection.collection(collection).insertMany(
    Array.from({ length: count }, (_, n) => ({
      _id: `${collection}${String(n).padStart(3, '0')}` as unknown as never,
      secret: underA.encrypt(`secret ${n}`, 'thing'),
    })),
  );
  return { collection, fields: [{ path: 'secret', context: 'thing' }] } satisfies EncryptedCollection;
}

const versions = async (collection: string) =>
  (await connection.collection(collection).find().sort({ _id: 1 }).toArray()).map((doc) =>
    String(doc.secret).slice(0, 6),
  );

beforeAll(async () => {
  connection = await connectDatabase({ uri: testDatabaseUri('reencrypt'), logger, appName: 'db-test' });
  await connection.collection('people').insertMany(
    Array.from({ length: 7 }, (_, n) => ({
      _id: `p${n}` as unknown as never,
      email: n === 3 ? null : { encrypted: underA.encrypt(`p${n}@example.com`, 'person.email'), hash: 'h' },
      name: underA.encrypt(`Person ${n}`, 'person.name'),
      ids: [
        { type: 'phone', sealed: underA.encrypt(`+3933300000${n}`, 'person.id.phone') },
        { type: 'card', sealed: underA.encrypt(`400000000${n}`, 'person.id.card') },
      ],
      visits: n,
    })),
  );
});

afterAll(async () => {
  await connection.dropDatabase();
  await closeDatabase(connection);
});

describe('reencryptCollections', () => {
  it('when the key rotated, then a dry run counts, a run rewrites every value under the new key, and a second run finds nothing', async () => {
    const options = { connection, cipher: rotated, collections: [people], logger, batchSize: 3 };
    const dry = await reencryptCollections({ ...options, dryRun: true });
    expect(dry.people).toEqual({ scanned: 7, stale: 7, rewritten: 0, skipped: 0, failed: 0 });

    const real = await reencryptCollections(options);
    expect(real.people).toEqual({ scanned: 7, stale: 7, rewritten: 7, skipped: 0, failed: 0 });
    const raw = await connection.collection('people').find().sort({ _id: 1 }).toArray();
    for (const [n, doc] of raw.entries()) {
      expect(doc.name).toMatch(/^enc:v2:/);
      expect(rotated.decrypt(doc.name as string, 'person.name')).toBe(`Person ${n}`);
      const ids = doc.ids as { type: string; sealed: string }[];
      expect(ids.map((id) => id.sealed.slice(0, 7))).toEqual(['enc:v2:', 'enc:v2:']);
      expect(rotated.decrypt(ids[1]!.sealed, 'person.id.card')).toBe(`400000000${n}`);
      expect(doc.visits).toBe(n);
    }
    expect(raw[3]!.email).toBeNull();

    const again = await reencryptCollections(options);
    expect(again.people).toMatchObject({ scanned: 7, stale: 0, rewritten: 0 });
  });

  it('when a value does not decrypt, then its document is counted as failed and the others are rewritten', async () => {
    const things: EncryptedCollection = {
      collection: 'things',
      fields: [{ path: 'secret', context: 'thing' }],
    };
    await connection.collection('things').insertMany([
      { _id: 't1' as unknown as never, secret: underA.encrypt('one', 'thing') },
      { _id: 't2' as unknown as never, secret: underA.encrypt('two', 'another context') },
      { _id: 't3' as unknown as never, secret: 'not encrypted' },
    ]);
    const counts = await reencryptCollections({ connection, cipher: rotated, collections: [things], logger });
    expect(counts.things).toEqual({ scanned: 3, stale: 1, rewritten: 1, skipped: 0, failed: 2 });
  });

  it('when it runs, then each page is one read and one write, even a page of more documents than the database has connections', async () => {
    const many = await insertStale('many', 45);
    const sent = await commandsDuring(() =>
      reencryptCollections({ connection, cipher: rotated, collections: [many], logger, batchSize: 40 }),
    );
    expect(sent.filter((command) => command.endsWith(' many'))).toEqual([
      'find many',
      'update many',
      'getMore many',
      'update many',
    ]);
    expect(await versions('many')).toEqual(Array(45).fill('enc:v2'));
  });

  it('when another writer changes a value between the read and the write, then its value stays and the document counts as skipped', async () => {
    const raced = await insertStale('raced', 4);
    const counts = await reencryptCollections({
      connection: racing(async () => {
        await connection
          .collection('raced')
          .updateOne({ _id: 'raced001' as never }, { $set: { secret: rotated.encrypt('changed', 'thing') } });
        await connection
          .collection('raced')
          .updateOne({ _id: 'raced002' as never }, { $set: { secret: null } });
      }),
      cipher: rotated,
      collections: [raced],
      logger,
    });
    expect(counts.raced).toEqual({ scanned: 4, stale: 4, rewritten: 2, skipped: 2, failed: 0 });
    const stored = await connection.collection('raced').find().sort({ _id: 1 }).toArray();
    expect(rotated.decrypt(String(stored[1]!.secret), 'thing')).toBe('changed');
    expect(stored[2]!.secret).toBeNull();
    expect(rotated.decrypt(String(stored[3]!.secret), 'thing')).toBe('secret 3');
  });

  it('when a run stops part-way, then the next run under the same key starts after its last written page, and one under another key reads everything', async () => {
    const tickets = await insertStale('tickets', 10);
    const options = { cipher: rotated, collections: [tickets], logger, batchSize: 4, checkpointEveryMs: 0 };
    const crashing = racing((write) =>
      write === 2 ? Promise.reject(new Error('the process stopped')) : Promise.resolve(),
    );
    await expect(reencryptCollections({ ...options, connection: crashing })).rejects.toThrow('stopped');
    const progress = connection.collection(REENCRYPTION_PROGRESS);
    expect(await progress.findOne({ _id: 'tickets' as never })).toMatchObject({
      after: 'tickets003',
      activeVersion: 2,
    });

    // The page after the failed one may have been written meanwhile (two pages are written at once).
    const resumed = await reencryptCollections({ ...options, connection });
    expect(resumed.tickets).toMatchObject({ scanned: 6, skipped: 0, failed: 0 });
    expect(await versions('tickets')).toEqual(Array(10).fill('enc:v2'));
    expect(await progress.findOne({ _id: 'tickets' as never })).toBeNull();

    // A checkpoint of a run under key 1 says nothing about key 2: read from the start.
    await progress.insertOne({
      _id: 'tickets' as never,
      after: 'tickets008',
      activeVersion: 1,
      at: new Date(),
    });
    const whole = await reencryptCollections({ ...options, connection });
    expect(whole.tickets).toMatchObject({ scanned: 10, stale: 0 });
    expect(await progress.findOne({ _id: 'tickets' as never })).toBeNull();
  });
});
