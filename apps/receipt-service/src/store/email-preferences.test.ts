import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hasOptedOutOfReceiptEmails } from '../domain/consent.js';
import { emailPreferencesStore } from './email-preferences.js';

let connection: Connection;
beforeAll(async () => {
  connection = await connectDatabase({
    uri: testDatabaseUri('preferences'),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(() => closeDatabase(connection));

it('keeps every consent change of an address, including concurrent first ones', async () => {
  const store = emailPreferencesStore(connection);
  const at = new Date('2026-11-22T10:00:00Z');
  await Promise.all([
    store.record('hash-mario', { purpose: 'marketing_email', granted: true, source: 'claim', at }),
    store.record('hash-mario', { purpose: 'receipt_email', granted: true, source: 'claim', at }),
  ]);
  await store.record('hash-mario', {
    purpose: 'receipt_email',
    granted: false,
    source: 'unsubscribe',
    at: new Date(),
  });

  const history = await store.history('hash-mario');
  expect(history).toHaveLength(3);
  expect(hasOptedOutOfReceiptEmails(history)).toBe(true);
  expect(await store.history('hash-nobody')).toEqual([]);
});
