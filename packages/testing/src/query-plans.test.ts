import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlan, seedDocuments } from './query-plans.js';
import { testDatabaseUri } from './names.js';

describe('findPlan', () => {
  let connection: mongoose.Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testDatabaseUri('plans')).asPromise();
    const sales = connection.collection('sales');
    await sales.createIndex({ storeId: 1 });
    await seedDocuments(
      sales,
      6_000,
      (i) => ({ storeId: `S${i % 60}`, receipt: { tokenHash: `t${i}` } }),
      2_000,
    );
  });
  afterAll(() => connection.close());

  it('when a filter is an indexed top-level equality, then the plan uses the index; a nested path scans', async () => {
    const indexed = await findPlan(connection.db!, 'sales', { storeId: 'S7' });
    const nested = await findPlan(connection.db!, 'sales', { 'receipt.tokenHash': 't7' });
    if (indexed === null || nested === null) return; // a backend whose plans say nothing (SQLite files)
    expect(indexed.scansCollection, JSON.stringify(indexed.plan)).toBe(false);
    expect(nested.scansCollection, JSON.stringify(nested.plan)).toBe(true);
    expect(await connection.collection('sales').countDocuments({ storeId: 'S7' })).toBe(100);
  });
});
