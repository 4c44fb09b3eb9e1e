import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceAt } from '../domain/ledger/balance.js';
import { demoProgramConfig } from '@scontrino/contracts';
import { testLoyaltyKeys } from '../test-support/loyalty-service.js';
import { creditSale } from './credit-sale.js';
import { creditSales } from './credit-sales.js';
import { enrolMember } from './enrol-member.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { openLoyaltyDeps } from './open-loyalty.js';

const TENANT = 'moda-rossi';
const now = new Date('2026-11-22T09:20:00Z');
let database: Connection;
let deps: LoyaltyDeps;
const memberIds: string[] = [];
const card = (i: number) => `29${String(i).padStart(11, '0')}`;

beforeAll(async () => {
  database = await connectDatabase({
    uri: testDatabaseUri('credit_sales'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  deps = await openLoyaltyDeps(database, { crypto: testLoyaltyKeys(), clock: () => now });
  await deps.programs.activate(TENANT, demoProgramConfig, { author: 'test', note: 'demo' });
  for (let i = 0; i < 4; i++) {
    const { id } = await enrolMember(deps, {
      tenantId: TENANT,
      email: `batch-${i}@example.test`,
      cardNumbers: [card(i)],
      marketingConsent: { granted: false, source: 'till' },
    });
    memberIds.push(id);
  }
});
afterAll(() => closeDatabase(database));

function sale(id: string, member: number | null, total = 5_000): TransactionRecordedPayload {
  const hash = member === null ? 'n'.repeat(43) : (deps.crypto.card(card(member))?.hash ?? '');
  return {
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: '2026-11-22T09:15:00.000Z',
    currency: 'EUR',
    totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 2,
        unitPrice: total / 2,
        total,
        originalLineId: null,
      },
    ],
    identifiers: [{ type: 'card', hash, sealed: 'sealed' }],
    original: null,
    pointsRedeemed: 0,
  };
}

function returnOf(original: TransactionRecordedPayload, id: string): TransactionRecordedPayload {
  const unit = original.totals.total / 2;
  return {
    ...original,
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    type: 'return',
    totals: { subtotal: unit, discountTotal: 0, taxTotal: 0, total: unit },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 1,
        unitPrice: unit,
        total: unit,
        originalLineId: '1',
      },
    ],
    original: { id: original.id, transactionId: original.transactionId, storeId: original.storeId },
  };
}

const pendingOf = async (memberId: string) =>
  balanceAt(await deps.store.ledger.stateOf(memberId), now).pending;

/** What the same transactions do one at a time, on a member of their own: the reference. */
async function aloneOutcome(sales: TransactionRecordedPayload[]) {
  for (const each of sales) await creditSale(deps, each);
}

describe('crediting the transactions of a batch', () => {
  it('when sales of several members come together, two of one member, then each earns what it earns alone', async () => {
    await aloneOutcome([sale('txn_ref_1', 3), sale('txn_ref_2', 3, 3_000)]);
    const reference = await pendingOf(memberIds[3]!);

    const outcomes = await creditSales(deps, [
      { sale: sale('txn_b1', 0) },
      { sale: sale('txn_b2', 1) },
      { sale: sale('txn_b3', 0, 3_000) },
      { sale: sale('txn_b4', null) },
    ]);

    expect(outcomes[0]).toMatchObject({ memberId: memberIds[0] });
    expect((outcomes[0] as { pointsEarned: number }).pointsEarned).toBeGreaterThan(0);
    expect(outcomes[1]).toMatchObject({ memberId: memberIds[1] });
    expect(outcomes[2]).toMatchObject({ memberId: memberIds[0], pending: reference });
    expect(outcomes[3]).toBeNull();
    expect(await pendingOf(memberIds[0]!)).toBe(reference);
    const entries = await deps.store.ledger.entriesOf(memberIds[0]!);
    expect(entries.map((entry) => [entry.seq, entry.businessKey])).toEqual([
      [1, 'earn:txn_b1'],
      [2, 'earn:txn_b3'],
    ]);
    // Nobody's card: archived, with its outcome for the receipt in the copy's outbox.
    const copy = await database.collection('sales').findOne({ _id: 'txn_b4' as never });
    expect(copy?.outbox).toMatchObject([{ id: 'txn_b4.credited', payload: { outcome: 'not_a_member' } }]);
  });

  it('when a batch brings sales again, a sale and its return, and a return whose sale has not come, then each ends as alone', async () => {
    const sold = sale('txn_c1', 2);
    const before = await creditSales(deps, [{ sale: sale('txn_c0', 2) }]);
    expect(before[0]).toMatchObject({ memberId: memberIds[2] });
    const pendingBefore = await pendingOf(memberIds[2]!);

    const outcomes = await creditSales(deps, [
      { sale: sale('txn_c0', 2) },
      { sale: sold },
      { sale: returnOf(sold, 'txn_c1_return') },
      { sale: returnOf(sale('txn_never', 2), 'txn_early_return') },
    ]);

    expect(outcomes[0]).toMatchObject({ memberId: memberIds[2] });
    expect(outcomes[1]).toMatchObject({ memberId: memberIds[2] });
    expect(outcomes[2]).toMatchObject({ memberId: memberIds[2], pointsEarned: 0 });
    expect(outcomes[3]).toBeInstanceOf(Error);
    expect(outcomes[3]).toMatchObject({ code: 'return.original_unknown', retryable: true });
    const keys = (await deps.store.ledger.entriesOf(memberIds[2]!)).map((entry) => entry.businessKey);
    expect(keys).toEqual(['earn:txn_c0', 'earn:txn_c1', 'reverse:txn_c1_return']);
    // Half of the second sale's points came back off.
    const earned = (outcomes[1] as { pointsEarned: number }).pointsEarned;
    expect(await pendingOf(memberIds[2]!)).toBe(pendingBefore + earned - earned / 2);

    // The batch again: nothing new is written.
    await creditSales(deps, [{ sale: sold }, { sale: returnOf(sold, 'txn_c1_return') }]);
    expect(await deps.store.ledger.entriesOf(memberIds[2]!)).toHaveLength(3);
  });
});
