import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARK_AHEAD_MS } from './sales-rollup-days.js';
import { salesRollupModel, salesRollups, type RecordedTransaction } from './sales-rollups.js';
import { transactionModel } from './transactions-model.js';

let database: Connection;
beforeAll(async () => {
  database = await connectDatabase({
    uri: testDatabaseUri('rollup_marks'),
    logger: pino({ level: 'silent' }),
  });
});
afterAll(() => closeDatabase(database));

/** A replica's rollups on its own clock, which the test moves. */
function replica(start: string) {
  let now = new Date(start).getTime();
  const rollups = salesRollups(salesRollupModel(database), transactionModel(database), () => new Date(now));
  return {
    rollups,
    advance: (ms: number) => void (now += ms),
    at: (ms: number) => new Date(new Date(start).getTime() + ms),
  };
}

let sold = 0;
/** A sale of 10.00 at a store of `tenantId` on 5 October 2026, as the consumer reads it. */
function saleOf(tenantId: string, storeId: string) {
  sold += 1;
  const id = `mark-${tenantId}-${sold}`;
  const transaction = {
    _id: id,
    tenantId,
    storeId,
    occurredAt: new Date('2026-10-05T10:00:00Z'),
    type: 'sale' as const,
    transactionId: id,
    payload: { totals: { total: 1000 } } as never,
    customer: null,
    receipt: { receiptId: `rcpt-${id}`, tokenHash: '', tokenEncrypted: '', claim: null },
    original: null,
  } as unknown as RecordedTransaction;
  return { id, transaction };
}

const day = { from: '2026-10-05', to: '2026-10-05', storeIds: null };
const markOf = (tenantId: string) =>
  database
    .collection<{ _id: string; markedAt: Date }>('sales_rollup_marks')
    .findOne({ _id: `${tenantId}|2026-10-05` });

describe("a brand day's marks", () => {
  it('when store writes follow a mark within its lead, then they write no mark and the summary is still summed again', async () => {
    const tenantId = 'marks-a';
    const { rollups, advance, at } = replica('2026-12-06T12:00:00Z');
    expect(await rollups.recordTransactions([saleOf(tenantId, 'S1')])).toEqual([true]);
    expect((await markOf(tenantId))?.markedAt).toEqual(at(MARK_AHEAD_MS));
    advance(1_000);
    // The brand's day summed after the mark, then a sale of another store a second later.
    expect(await rollups.read({ tenantId, ...day })).toEqual([expect.objectContaining({ sales: 1 })]);
    advance(1_000);
    expect(await rollups.recordTransactions([saleOf(tenantId, 'S2')])).toEqual([true]);
    expect((await markOf(tenantId))?.markedAt).toEqual(at(MARK_AHEAD_MS));
    // The mark, dated after that sale, makes the summary stale: it is summed again.
    expect(await rollups.read({ tenantId, ...day })).toEqual([expect.objectContaining({ sales: 2 })]);
    // Past the lead, the next write marks again.
    advance(MARK_AHEAD_MS);
    expect(await rollups.recordTransactions([saleOf(tenantId, 'S1')])).toEqual([true]);
    expect((await markOf(tenantId))?.markedAt).toEqual(at(2_000 + 2 * MARK_AHEAD_MS));
    expect(await rollups.read({ tenantId, ...day })).toEqual([expect.objectContaining({ sales: 3 })]);
  });

  it("when a sale comes after the last mark's lead ran out, then it marks again and the summary summed meanwhile is summed again", async () => {
    const tenantId = 'marks-b';
    const { rollups, advance } = replica('2026-12-06T13:00:00Z');
    await rollups.recordTransactions([saleOf(tenantId, 'S1')]);
    advance(3 * MARK_AHEAD_MS);
    expect(await rollups.read({ tenantId, ...day })).toEqual([expect.objectContaining({ sales: 1 })]);
    advance(1_000);
    await rollups.recordTransactions([saleOf(tenantId, 'S1')]);
    expect(await rollups.read({ tenantId, ...day })).toEqual([expect.objectContaining({ sales: 2 })]);
  });

  it("when another replica's mark comes later from an older clock, then the mark keeps the newer date", async () => {
    const tenantId = 'marks-c';
    const ahead = replica('2026-12-06T14:00:10Z');
    const behind = replica('2026-12-06T14:00:00Z');
    await ahead.rollups.recordTransactions([saleOf(tenantId, 'S1')]);
    await behind.rollups.recordTransactions([saleOf(tenantId, 'S2')]);
    expect((await markOf(tenantId))?.markedAt).toEqual(ahead.at(MARK_AHEAD_MS));
  });
});
