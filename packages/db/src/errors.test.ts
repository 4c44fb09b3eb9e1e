import { testDatabaseUri } from '@scontrino/testing';
import { type Connection, type Model, Schema } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, connectDatabase } from './connect.js';
import { isDuplicateKeyError } from './errors.js';
import { ensureIndexes } from './indexes.js';

let connection: Connection;
let Claims: Model<{ key: string }>;

beforeAll(async () => {
  connection = await connectDatabase({
    uri: testDatabaseUri('db_errors'),
    logger: pino({ level: 'silent' }),
  });
  Claims = connection.model('Claim', new Schema({ key: { type: String, required: true, unique: true } }));
  await ensureIndexes(connection);
});
afterAll(() => closeDatabase(connection));

async function rejection(write: () => Promise<unknown>): Promise<unknown> {
  return write().then(
    () => expect.unreachable('the write should have failed'),
    (error: unknown) => error,
  );
}

describe('isDuplicateKeyError', () => {
  it('when a unique key is inserted twice, then the second insert is recognised as a duplicate', async () => {
    await Claims.create({ key: 'earn:tx_1' });

    const error = await rejection(() => Claims.create({ key: 'earn:tx_1' }));

    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('recognises a bulk insert whose only failures are duplicates', async () => {
    await Claims.create({ key: 'earn:tx_2' });

    const error = await rejection(() =>
      Claims.insertMany([{ key: 'earn:tx_2' }, { key: 'earn:tx_3' }], { ordered: false }),
    );

    expect(isDuplicateKeyError(error)).toBe(true);
    expect(await Claims.countDocuments({ key: 'earn:tx_3' })).toBe(1);
  });

  it('is false for other failures', async () => {
    const error = await rejection(() => Claims.create({}));

    expect(isDuplicateKeyError(error)).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000 in a message only'))).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });
});
