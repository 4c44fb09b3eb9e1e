import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedSale } from '../domain/program/program-fixtures.js';
import { openSalesArchive, type SalesArchive } from './sales.js';

let connection: Connection;
let sales: SalesArchive;

beforeAll(async () => {
  connection = await connectDatabase({
    uri: testDatabaseUri('sales'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  sales = await openSalesArchive(connection);
});
afterAll(() => closeDatabase(connection));

describe('sales archive', () => {
  it('when a sale is recorded twice (a replayed event), then the second time is a duplicate and the first copy stays', async () => {
    const sale = recordedSale({ id: 'txn_replayed' });
    expect(await sales.record(sale)).toBe('recorded');
    expect(await sales.record({ ...sale, pointsRedeemed: 99 })).toBe('duplicate');
    expect(await sales.get('txn_replayed')).toEqual(sale);
    expect(await sales.get('txn_unknown')).toBeNull();
  });

  it('when concurrent consumers record the same sale, then exactly one records it', async () => {
    const sale = recordedSale({ id: 'txn_raced' });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => sales.record(sale)));
    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
  });

  it("when a tenant's recent transactions are read, then they come oldest first, from `since` on, up to the limit, its own only", async () => {
    const at = (iso: string) => `${iso}T10:00:00.000Z`;
    const tenantId = 'tenant-since';
    await sales.record(recordedSale({ id: 'txn_s1', tenantId, occurredAt: at('2026-05-01') }));
    await sales.record(recordedSale({ id: 'txn_s3', tenantId, occurredAt: at('2026-05-03') }));
    await sales.record(recordedSale({ id: 'txn_s2', tenantId, occurredAt: at('2026-05-02') }));
    await sales.record(
      recordedSale({ id: 'txn_r2', tenantId, occurredAt: at('2026-05-02'), type: 'return' }),
    );
    await sales.record(
      recordedSale({ id: 'txn_other', tenantId: 'tenant-other', occurredAt: at('2026-05-02') }),
    );
    const since = new Date(at('2026-05-02'));
    expect((await sales.since(tenantId, since, 10)).map((s) => s.id)).toEqual(['txn_r2', 'txn_s2', 'txn_s3']);
    expect((await sales.since(tenantId, since, 10, { type: 'sale' })).map((s) => s.id)).toEqual([
      'txn_s2',
      'txn_s3',
    ]);
    expect((await sales.since(tenantId, since, 1)).map((s) => s.id)).toEqual(['txn_r2']);
  });

  it("when a person's sales are read for their archive and then erased, then only their hashes' sales are found, and after erasure none", async () => {
    const tenantId = 'tenant-erase';
    const card = (hash: string) => ({ type: 'card' as const, hash: hash.padEnd(43, 'x'), sealed: 'sealed' });
    const email = { type: 'email' as const, hash: 'e'.repeat(43), sealed: 'sealed' };
    await sales.record(
      recordedSale({
        id: 'txn_e2',
        tenantId,
        identifiers: [card('a'), email],
        occurredAt: '2026-05-02T10:00:00.000Z',
      }),
    );
    await sales.record(
      recordedSale({
        id: 'txn_e1',
        tenantId,
        identifiers: [card('a')],
        occurredAt: '2026-05-01T10:00:00.000Z',
      }),
    );
    await sales.record(recordedSale({ id: 'txn_e3', tenantId, identifiers: [card('b')] }));
    await sales.record(recordedSale({ id: 'txn_e4', tenantId: 'tenant-other', identifiers: [card('a')] }));
    const hashes = [card('a').hash, email.hash];
    expect((await sales.naming(tenantId, hashes)).map((sale) => sale.id)).toEqual(['txn_e1', 'txn_e2']);
    expect(await sales.forgetIdentifiers(tenantId, hashes)).toBe(2);
    expect(await sales.naming(tenantId, hashes)).toEqual([]);
    expect((await sales.get('txn_e2'))?.identifiers).toEqual([]);
    expect((await sales.get('txn_e3'))?.identifiers).toHaveLength(1);
    expect(await sales.naming('tenant-other', hashes)).toHaveLength(1);
  });

  it('when a sale is recorded with the event it causes, then the event waits in its outbox, once', async () => {
    const sale = recordedSale({ id: 'txn_outbox' });
    const event = {
      id: 'txn_outbox.credited',
      type: 'sale.credited' as const,
      version: 1,
      occurredAt: '2026-11-22T09:16:00.000Z',
      payload: { id: sale.id, receiptId: sale.receiptId, tenantId: sale.tenantId, outcome: 'not_a_member' },
    };
    expect(await sales.record(sale, [event])).toBe('recorded');
    expect(await sales.record(sale, [event])).toBe('duplicate');
    const stored = await connection.collection('sales').findOne({ _id: 'txn_outbox' as never });
    expect(stored).toMatchObject({ outboxPending: true, outbox: [{ id: 'txn_outbox.credited' }] });
  });
});
