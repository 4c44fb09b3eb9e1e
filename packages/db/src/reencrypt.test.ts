import { createFieldCipher, keyringFrom } from '@scontrino/crypto';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import type { EncryptedCollection } from './encrypted-paths.js';
import { reencryptCollections } from './reencrypt.js';

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
});
