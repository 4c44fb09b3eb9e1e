import { randomUUID } from 'node:crypto';
import type { EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { staffToken } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { anonymousSale, returnOf, sale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

/**
 * A small history on 2026-11-22 (UTC) at Milano Centro (MI-001), each sale 154,91 €:
 *   A  card + e-mail, receipt by e-mail and in the app      identified, e-mailed, in app
 *   B  anonymous, its QR claimed                             claimable, claimed
 *   C  anonymous, not claimed                                claimable
 *   D  card only, paper receipt                              identified, claimable (no e-mail)
 *   R  a return of one shirt of A, 39,50 €
 * and one anonymous sale at Milano Porta Nuova (MI-002), which Milan's store manager never sees.
 */
let service: TestReceiptService;
let saleA: { transactionId: string; id: string };
let saleB: { transactionId: string; id: string; receiptId: string };
let saleD: { receiptId: string };
const run = randomUUID().slice(0, 8);
/** How the inbox records an event it handled (`<consumer>:<eventId>`, @scontrino/queue). */
const processedId = (eventId: string) => `receipt-service:${eventId}`;

const post = async (body: unknown, storeId = 'MI-001') => {
  const key = await service.terminal(storeId, 'T03');
  const res = await service.post(body, { key });
  expect(res).toMatchObject({ status: 201 });
  return res.body as { transactionId: string; receiptId: string; claimUrl?: string };
};

const range = { tenantId: 'moda-rossi', from: '2026-11-01', to: '2026-11-30' };

async function settled(storeId: string, sales: number, claimed: number) {
  return vi.waitFor(
    async () => {
      const answer = await service.trpc.kpis.salesDaily.query({ ...range, storeId });
      expect(answer.total.figures).toMatchObject({ sales, claimed });
      return answer;
    },
    { timeout: 20_000, interval: 200 },
  );
}

beforeAll(async () => {
  service = await startTestReceiptService();
  const a = sale(`A-${run}`);
  const posted = await post({
    ...a,
    customer: { ...a.customer, email: `a-${run}@example.test`, receiptDelivery: ['email', 'app'] },
  });
  saleA = { transactionId: a.transactionId, id: posted.transactionId };
  const b = await post(anonymousSale(`B-${run}`));
  saleB = { transactionId: `B-${run}`, id: b.transactionId, receiptId: b.receiptId };
  await post(anonymousSale(`C-${run}`));
  const d = sale(`D-${run}`);
  saleD = await post({
    ...d,
    customer: { loyaltyCardNumber: d.customer?.loyaltyCardNumber, receiptDelivery: ['paper'] },
  });
  await post(returnOf(a.transactionId, `R-${run}`, 'MI-001', 'T03'));
  await post(anonymousSale(`E-${run}`, 'MI-002'), 'MI-002');
  if (!b.claimUrl) throw new Error('an anonymous sale has a claim URL');
  await service.claim(b.claimUrl, `b-${run}@example.test`);
}, 60_000);
afterAll(() => service.close());

const handComputed = {
  figures: {
    sales: 4,
    grossRevenue: 4 * 15_491,
    returns: 1,
    refunded: 3_950,
    identified: 2,
    emailed: 1,
    inApp: 1,
    claimable: 3,
    claimed: 1,
    digital: 2,
  },
  kpis: {
    sales: 4,
    revenue: 4 * 15_491 - 3_950,
    averageTicket: 15_491,
    returnsRate: 3_950 / (4 * 15_491),
    identifiedShare: 0.5,
    digitalReceiptShare: 0.5,
    qrClaimRate: 1 / 3,
  },
};

describe('kpis.salesDaily', () => {
  it("gives a store's day as computed by hand from its sales, return and claim", async () => {
    const answer = await settled('MI-001', 4, 1);
    expect(answer.days).toEqual([{ day: '2026-11-22', ...handComputed }]);
    expect(answer.total).toEqual(handComputed);
  });

  it('counts a sale or a claim once when its event comes again after the handler ran', async () => {
    await settled('MI-001', 4, 1);
    const inbox = service.queues.queue(inboxQueueName('receipt-service'));
    for (const eventId of [`${saleA.id}.recorded`, `${saleB.receiptId}.claimed`]) {
      const first = await inbox.getJob(eventId);
      if (!first) throw new Error(`${eventId} is not in the inbox`);
      // A consumer that stopped after its handler and before recording the event as processed
      // gets the same event again: the inbox's own record no longer shields the rollup
      // (`transaction.recorded` keeps no such record at all: its handler tells replays itself).
      await service.database.collection('processed_events').deleteOne({ _id: processedId(eventId) as never });
      const again = await inbox.add(first.data, { jobId: `${eventId}.again-${run}` });
      await again.finished();
    }
    const answer = await service.trpc.kpis.salesDaily.query({ ...range, storeId: 'MI-001' });
    expect(answer.total).toEqual(handComputed);
  });

  it('counts each sale of a batch once when a replayed one comes beside new ones of the same day', async () => {
    const recorded = (id: string) => ({
      id,
      transaction: {
        _id: id,
        tenantId: 'moda-rossi',
        storeId: 'MI-001',
        occurredAt: new Date('2026-10-05T10:00:00Z'),
        type: 'sale' as const,
        transactionId: id,
        payload: { totals: { total: 1000 } } as never,
        customer: null,
        receipt: { receiptId: `rcpt-${id}`, tokenHash: '', tokenEncrypted: '', claim: null },
        original: null,
      },
    });
    const [x, y, z] = ['X', 'Y', 'Z'].map((name) => recorded(`batch-${name}-${run}`));
    const { salesRollups } = service.store;
    expect(await salesRollups.recordTransactions([x!])).toEqual([true]);
    // X again (a replay) beside Y and Z: the update of all three is refused, each goes alone.
    expect(await salesRollups.recordTransactions([x!, y!, z!])).toEqual([false, true, true]);
    expect(await salesRollups.recordTransactions([y!, z!])).toEqual([false, false]);
    const [day] = await salesRollups.read({
      tenantId: 'moda-rossi',
      storeIds: ['MI-001'],
      from: '2026-10-05',
      to: '2026-10-05',
    });
    expect(day).toMatchObject({ sales: 3, grossRevenue: 3000 });
  });

  it("sums the tenant's stores for staff of the whole tenant, and keeps a store manager to her store", async () => {
    await settled('MI-002', 1, 0);
    const tenant = await service.trpc.kpis.salesDaily.query(range);
    expect(tenant.total.figures.sales).toBeGreaterThanOrEqual(5);

    const manager = service.trpcAs(
      await staffToken({
        sub: 'giulia@moda-rossi',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    expect((await manager.kpis.salesDaily.query({ ...range, storeId: 'MI-001' })).total).toEqual(
      handComputed,
    );
    for (const input of [{ ...range, storeId: 'MI-002' }, range])
      await expect(manager.kpis.salesDaily.query(input)).rejects.toMatchObject({
        data: { httpStatus: 403, code: 'FORBIDDEN' },
      });

    const support = service.trpcAs(
      await staffToken({ sub: 'marco@support', roles: ['support'], tenants: ['moda-rossi'] }),
    );
    const refused = await support.kpis.salesDaily.query(range).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect(refused).toMatchObject({ data: { httpStatus: 403 } });
  });

  it("when loyalty tells that a card sale's member has an e-mail, then its withdrawn code no longer counts as claimable, once", async () => {
    await settled('MI-001', 4, 1);
    const inbox = service.queues.queue(inboxQueueName('receipt-service'));
    const credited = (eventId: string): EventOf<'sale.credited'> => ({
      id: eventId,
      type: 'sale.credited',
      version: 1,
      occurredAt: new Date().toISOString(),
      payload: {
        id: `txn_${saleD.receiptId.slice('rcpt_'.length)}`,
        receiptId: saleD.receiptId,
        tenantId: 'moda-rossi',
        outcome: 'credited',
        credit: { memberId: 'mbr_d', pointsEarned: 154, balance: 154, pending: 154, tier: 'Bronze' },
        memberHasEmail: true,
      },
    });
    // The event, then the same event again as a redelivery would bring it.
    for (const jobId of [`${saleD.receiptId}.credited`, `${saleD.receiptId}.credited.again-${run}`]) {
      const job = await inbox.add(credited(`${saleD.receiptId}.credited`), { jobId });
      await job.finished();
      await service.database
        .collection('processed_events')
        .deleteOne({ _id: processedId(`${saleD.receiptId}.credited`) as never });
    }
    const answer = await service.trpc.kpis.salesDaily.query({ ...range, storeId: 'MI-001' });
    expect(answer.total.figures).toEqual({ ...handComputed.figures, claimable: 2 });
    expect(answer.total.kpis.qrClaimRate).toBe(1 / 2);
  });

  it('names each problem of a bad range', async () => {
    const error = await service.trpc.kpis.salesDaily
      .query({ tenantId: 'moda-rossi', from: '2026-12-01', to: '2026-11-01' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ data: { httpStatus: 400 } });
    expect(JSON.stringify(error)).toContain('to');
  });
});
