import { testDatabaseUri } from '@scontrino/testing';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupCommit, insertEach } from './group-commit.js';

let connection: Connection;
beforeAll(async () => {
  connection = await mongoose.createConnection(testDatabaseUri('group_commit')).asPromise();
  await connection.collection('sales').createIndex({ idempotencyKey: 1 }, { unique: true });
});
afterAll(() => connection.close());

describe('groupCommit', () => {
  it('when many documents arrive at once, then they go in few batches and each gets its own outcome', async () => {
    const sales = connection.collection<{ _id: string; idempotencyKey: string }>('sales');
    await sales.insertOne({ _id: 'sale-0', idempotencyKey: 'key-0' });
    const batches: number[] = [];
    const commit = groupCommit(sales, { maxInFlight: 1, onBatch: (size) => batches.push(size) });

    const outcomes = await Promise.all([
      commit.insert({ _id: 'sale-1', idempotencyKey: 'key-1' }),
      commit.insert({ _id: 'sale-0', idempotencyKey: 'key-other' }),
      commit.insert({ _id: 'sale-2', idempotencyKey: 'key-1' }),
      ...Array.from({ length: 20 }, (_, i) =>
        commit.insert({ _id: `bulk-${i}`, idempotencyKey: `bulk-${i}` }),
      ),
    ]);

    expect(outcomes.slice(0, 3)).toEqual(['inserted', 'duplicate', 'duplicate']);
    expect(outcomes.slice(3)).toEqual(Array(20).fill('inserted'));
    expect(batches[0]).toBe(1);
    expect(batches.length).toBeLessThan(5);
    expect(await sales.countDocuments()).toBe(22);
    expect(await sales.findOne({ _id: 'sale-0' })).toEqual({ _id: 'sale-0', idempotencyKey: 'key-0' });
  });

  it('when the database refuses a document for another reason, then only its insert fails', async () => {
    const notes = connection.collection<{ _id: unknown; text: string }>('notes');
    const commit = groupCommit(notes, { maxInFlight: 1 });
    const first = commit.insert({ _id: 'n-1', text: 'ok' });
    const results = await Promise.allSettled([
      commit.insert({ _id: 'n-2', text: 'ok' }),
      commit.insert({ _id: 'n-3', text: 'nul \u0000 refused by PostgreSQL' }),
      commit.insert({ _id: 'n-4', text: 'ok' }),
    ]);
    expect(await first).toBe('inserted');
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await notes.countDocuments({ text: 'ok' })).toBe(3);
  });
});

describe('insertEach', () => {
  it('when some documents take keys already held, then those answer duplicate and the rest are inserted by one command', async () => {
    const entries = connection.collection<{ _id: string; idempotencyKey: string }>('entries');
    await entries.createIndex({ idempotencyKey: 1 }, { unique: true });
    await entries.insertOne({ _id: 'e-0', idempotencyKey: 'k-0' });
    let commands = 0;
    const counting = {
      insertMany: (...args: Parameters<typeof entries.insertMany>) => {
        commands += 1;
        return entries.insertMany(...args);
      },
    };

    const outcomes = await insertEach(counting, [
      { _id: 'e-1', idempotencyKey: 'k-1' },
      { _id: 'e-0', idempotencyKey: 'k-other' },
      { _id: 'e-2', idempotencyKey: 'k-0' },
      { _id: 'e-3', idempotencyKey: 'k-3' },
    ]);

    expect(outcomes).toEqual(['inserted', 'duplicate', 'duplicate', 'inserted']);
    expect(commands).toBe(1);
    expect(await entries.countDocuments()).toBe(3);
  });

  it("when the server answers a document that it is shutting down, then that document fails with the server's error and code", async () => {
    // As the driver reports an unordered insertMany whose second document the server refused.
    const insertMany = () =>
      Promise.reject(
        Object.assign(new Error('write failed'), {
          writeErrors: [{ index: 1, code: 11600, errmsg: 'interrupted at shutdown' }],
        }),
      );
    const [first, second] = await insertEach({ insertMany }, [{ _id: 'a' }, { _id: 'b' }]);
    expect(first).toBe('inserted');
    // Named as the driver names a server's errors: the services answer it 503, as out of reach.
    expect(second).toMatchObject({
      name: 'MongoServerError',
      code: 11600,
      message: 'interrupted at shutdown',
    });
  });

  it('when given nothing, then it sends nothing', async () => {
    const insertMany = () => Promise.reject(new Error('no command expected'));
    expect(await insertEach({ insertMany }, [])).toEqual([]);
  });
});
