import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabaseName } from './database.js';
import { ensureFerretdbBinary, startFerretdb } from './ferretdb.js';
import type { RestartableServer } from './server.js';
import { scratchDir } from './test-support.js';

const voucherSchema = new mongoose.Schema({
  code: { type: String, required: true, unique: true },
  points: Number,
});

async function connect(url: string) {
  const connection = await mongoose.createConnection(withDatabaseName(url, 'stack_test')).asPromise();
  const Voucher = connection.model('Voucher', voucherSchema);
  await Voucher.createIndexes();
  return { connection, Voucher };
}

describe('FerretDB', () => {
  let server: RestartableServer;
  let dataDir: Awaited<ReturnType<typeof scratchDir>>;

  beforeAll(async () => {
    dataDir = await scratchDir('ferretdb');
    server = await startFerretdb({ binary: await ensureFerretdbBinary(), dataDir: dataDir.path });
  });

  afterAll(async () => {
    await server.stop();
    await dataDir.remove();
  });

  it('serves a url without a database name', () => {
    expect(server.url).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
  });

  it('when a mongoose document is written, then it reads back', async () => {
    const { connection, Voucher } = await connect(server.url);
    await Voucher.create({ code: 'WELCOME', points: 50 });
    expect(await Voucher.findOne({ code: 'WELCOME' }).lean()).toMatchObject({ code: 'WELCOME', points: 50 });
    await connection.close();
  });

  it('when a duplicate of a unique key is inserted, then it fails with code 11000', async () => {
    const { connection, Voucher } = await connect(server.url);
    await Voucher.create({ code: 'ONCE' });
    await expect(Voucher.create({ code: 'ONCE' })).rejects.toMatchObject({ code: 11000 });
    await connection.close();
  });

  it('when restarted, then it serves the same data on the same url', async () => {
    const before = await connect(server.url);
    await before.Voucher.create({ code: 'DURABLE', points: 7 });
    await before.connection.close();

    await server.restart();

    const after = await connect(server.url);
    expect(await after.Voucher.findOne({ code: 'DURABLE' }).lean()).toMatchObject({ points: 7 });
    await after.connection.close();
  });
});
