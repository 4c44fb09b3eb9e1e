import { closeDatabase, connectDatabase } from '@scontrino/db';
import { findPlan, seedDocuments, testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatformKeys } from '../test-support/receipt-service.js';
import { receiptCrypto } from './receipt-crypto.js';
import { openReceiptStore } from './receipt-store.js';

/** Enough documents that a sequential scan is what it would cost in production, and the planner knows it. */
const LARGE = 50_000;
const SMALL = 10_000;

let database: Connection;
beforeAll(async () => {
  database = await connectDatabase({
    uri: testDatabaseUri('receipt_plans'),
    logger: pino({ level: 'silent' }),
  });
  // The service's own indexes, exactly as it declares them.
  await openReceiptStore(database, {
    crypto: receiptCrypto(testPlatformKeys()),
    publicUrl: 'https://r.example.test',
  });
  const db = database.db!;
  await seedDocuments(db.collection('transactions'), LARGE, (i) => ({
    _id: `txn_${i}`,
    tenantId: `tenant-${i % 3}`,
    storeId: `S-${i % 200}`,
    transactionId: `T-${i}`,
    type: i % 10 === 0 ? 'return' : 'sale',
    idempotencyKey: `key-${i}`,
    tokenHash: `token-${i}`,
    claimCodeHash: i % 2 === 0 ? `claim-${i}` : null,
    customerHashes: i % 2 === 0 ? [] : [`card-${i % 5000}`, `email-${i % 7000}`],
    outboxPending: i % 1000 === 0,
  }));
  await seedDocuments(db.collection('return_links'), LARGE, (i) => ({
    _id: `txn_${i}:1`,
    saleId: `txn_${i}`,
    seq: 1,
  }));
  await seedDocuments(db.collection('receipt_claims'), LARGE, (i) => ({
    _id: `claim-${i}`,
    receiptId: `rcpt_${i}`,
    emailHash: `email-${i % 7000}`,
    outboxPending: false,
  }));
  await seedDocuments(db.collection('receipt_deliveries'), LARGE, (i) => ({
    _id: `dlv_${i}`,
    receiptId: `rcpt_${i}`,
  }));
  await seedDocuments(db.collection('receipt_loyalty'), SMALL, (i) => ({ _id: `rcpt_${i}` }));
  await seedDocuments(db.collection('email_preferences'), SMALL, (i) => ({ _id: `email-${i}`, history: [] }));
  // 200 stores × 100 days in three tenants: what a year of a chain looks like, in the planner's eyes.
  await seedDocuments(db.collection('sales_rollups'), 2 * SMALL, (i) => {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 200) * 86_400_000).toISOString().slice(0, 10);
    return {
      _id: `tenant-${i % 3}|S-${i % 200}|${day}`,
      tenantId: `tenant-${i % 3}`,
      storeId: `S-${i % 200}`,
      day,
      month: day.slice(0, 7),
      counted: [],
    };
  });
  // A brand's day summaries and their marks: one per tenant and day.
  for (const name of ['sales_rollup_days', 'sales_rollup_marks'])
    await seedDocuments(db.collection(name), SMALL, (i) => {
      const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10);
      return { _id: `tenant-${i % 3}|${day}`, tenantId: `tenant-${i % 3}`, day, month: day.slice(0, 7) };
    });
  await seedDocuments(db.collection('processed_events'), LARGE, (i) => ({ _id: `receipt-service:evt_${i}` }));
}, 180_000);
afterAll(() => closeDatabase(database));

/** Every filter the hot paths send: a till's sale and return, e-mail delivery, receipt pages, claims, the app. */
const hotPathQueries: [path: string, collection: string, filter: Record<string, unknown>][] = [
  ['sale: replay or conflict, e-mail recipients, receipt by id', 'transactions', { _id: 'txn_4242' }],
  ['sale: key reused for another sale', 'transactions', { storeId: 'S-42', idempotencyKey: 'key-4242' }],
  [
    'return: its sale in the tenant',
    'transactions',
    { tenantId: 'tenant-1', transactionId: 'T-4243', type: 'sale' },
  ],
  ['return: the links of its sale', 'return_links', { saleId: 'txn_4242' }],
  ['receipt page /r/<token>', 'transactions', { tokenHash: 'token-4242' }],
  ['claim page /c/<code>', 'transactions', { claimCodeHash: 'claim-4242' }],
  ['claim: is the code used', 'receipt_claims', { _id: 'claim-4242' }],
  ['e-mail: who claimed the receipt', 'receipt_claims', { receiptId: 'rcpt_4242' }],
  ['e-mail: the delivery record', 'receipt_deliveries', { _id: 'dlv_4242' }],
  ['receipt: its deliveries', 'receipt_deliveries', { receiptId: 'rcpt_4242' }],
  ['receipt: its loyalty block', 'receipt_loyalty', { _id: 'rcpt_4242' }],
  ['e-mail: consent of the address', 'email_preferences', { _id: 'email-4242' }],
  ['any event: processed already', 'processed_events', { _id: 'receipt-service:evt_4242' }],
  ['app: receipts identified at the till', 'transactions', { customerHashes: 'card-4243' }],
  ['app: receipts claimed by e-mail', 'receipt_claims', { emailHash: 'email-4242' }],
  ["back office: a store's receipts", 'transactions', { storeId: 'S-42' }],
  ['outbox: stray events', 'transactions', { outboxPending: true }],
  ['sale or claim: its day in the rollups', 'sales_rollups', { _id: 'tenant-1|S-42|2026-02-01' }],
  ['dashboard: a brand month', 'sales_rollups', { tenantId: 'tenant-1', month: '2026-02' }],
  ['dashboard: a store month', 'sales_rollups', { tenantId: 'tenant-1', storeId: 'S-43', month: '2026-02' }],
  ["dashboard: a brand day's stores, summed", 'sales_rollups', { tenantId: 'tenant-1', day: '2026-02-01' }],
  [
    "dashboard: a brand month's day summaries",
    'sales_rollup_days',
    { tenantId: 'tenant-1', month: '2022-02' },
  ],
  ["dashboard: a brand month's marks", 'sales_rollup_marks', { tenantId: 'tenant-1', month: '2022-02' }],
  ['any event: its brand day marked', 'sales_rollup_marks', { _id: 'tenant-1|2022-02-01' }],
];

describe('the receipt service hot paths on a large database', () => {
  it.each(hotPathQueries)('%s reads by index (%s)', async (_path, collection, filter) => {
    const plan = await findPlan(database.db!, collection, filter);
    if (plan === null) return; // FerretDB on SQLite files: its plans say nothing about indexes
    expect(plan.scansCollection, JSON.stringify(plan.plan)).toBe(false);
  });
});
