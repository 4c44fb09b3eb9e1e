import type { EventOf, TransactionRecordedPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { staffToken } from '@scontrino/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltyRouter } from '../router.js';
import { testClock } from '../../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../../test-support/loyalty-service.js';

/**
 * Two card sales of one member at Milano Centro (MI-001) on 24 November 2026 and a correction of
 * +25 points by support; the first sale's event comes twice. The points issued are the earn
 * entries' points as the ledger holds them; the correction belongs to no store.
 */
const TENANT = 'moda-rossi';
const CARD = '2900000000071';
const clock = testClock('2026-11-24T10:00:00Z');
const range = { tenantId: TENANT, from: '2026-11-01', to: '2026-11-30' };
let service: TestLoyaltyService;
let memberId: string;

function sale(id: string, total: number): TransactionRecordedPayload {
  return {
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: '2026-11-24T09:00:00.000Z',
    currency: 'EUR',
    totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 1,
        unitPrice: total,
        total,
        originalLineId: null,
      },
    ],
    identifiers: [
      { type: 'card', hash: service.loyalty.crypto.card(CARD)?.hash ?? '', sealed: 'sealed-card' },
    ],
    original: null,
    pointsRedeemed: 0,
  };
}

async function deliver(payload: TransactionRecordedPayload, jobId: string): Promise<void> {
  const event: EventOf<'transaction.recorded'> = {
    id: `${payload.id}.recorded`,
    type: 'transaction.recorded',
    version: 1,
    occurredAt: clock.now().toISOString(),
    payload,
  };
  await (await service.queues.queue(inboxQueueName('loyalty-service')).add(event, { jobId })).finished();
}

beforeAll(async () => {
  service = await startTestLoyaltyService({ clock: clock.now });
  ({ memberId } = await service.trpc.members.enrol.mutate({
    tenantId: TENANT,
    email: 'points-kpi@example.test',
    cardNumbers: [CARD],
    marketingConsent: { granted: false, source: 'till' },
  }));
  await deliver(sale('txn_kpi_1', 6_000), 'txn_kpi_1.recorded');
  await deliver(sale('txn_kpi_2', 12_000), 'txn_kpi_2.recorded');
  await service.staff.ledger.adjust.mutate({
    memberId,
    requestId: 'kpi-adjust-1',
    points: 25,
    reason: 'goodwill after a late delivery',
  });
}, 60_000);
afterAll(() => service?.close());

describe('kpis.pointsDaily', () => {
  it("gives the store's points issued as the ledger's earn entries hold them, and a correction in the brand's total only", async () => {
    const earned = (await service.loyalty.store.ledger.entriesOf(memberId))
      .filter((entry) => entry.kind === 'earn')
      .reduce((sum, entry) => sum + entry.pending + entry.active, 0);
    expect(earned).toBeGreaterThan(0);
    const store = await service.staff.kpis.pointsDaily.query({ ...range, storeId: 'MI-001' });
    expect(store.total.figures).toMatchObject({
      issued: earned,
      issuedAtTill: earned,
      issuedByClaim: 0,
      adjusted: 0,
    });
    expect(store.days.map(({ day }) => day)).toEqual(['2026-11-24']);
    const brand = await service.staff.kpis.pointsDaily.query(range);
    expect(brand.total.figures).toMatchObject({ issued: earned, adjusted: 25, redeemed: 0, expired: 0 });
    expect(brand.total.kpis).toMatchObject({ redemptionRate: 0, claimShare: 0 });
  });

  it('adds nothing when a sale or a correction comes again', async () => {
    const before = await service.staff.kpis.pointsDaily.query(range);
    await deliver(sale('txn_kpi_1', 6_000), 'txn_kpi_1.recorded.again');
    await service.staff.ledger.adjust.mutate({
      memberId,
      requestId: 'kpi-adjust-1',
      points: 25,
      reason: 'goodwill after a late delivery',
    });
    expect((await service.staff.kpis.pointsDaily.query(range)).total).toEqual(before.total);
  });

  it('keeps a store manager to her store, and names a bad range', async () => {
    const manager = createTRPCClient<LoyaltyRouter>({
      links: [
        httpLink({
          url: `${service.url}/trpc`,
          headers: {
            authorization: `Bearer ${await staffToken({ sub: 'giulia', roles: ['store_manager'], tenants: [TENANT], stores: ['MI-001'] })}`,
          },
        }),
      ],
    });
    expect(
      (await manager.kpis.pointsDaily.query({ ...range, storeId: 'MI-001' })).total.figures.issued,
    ).toBeGreaterThan(0);
    for (const input of [{ ...range, storeId: 'MI-002' }, range])
      await expect(manager.kpis.pointsDaily.query(input)).rejects.toMatchObject({
        data: { httpStatus: 403 },
      });
    await expect(
      service.staff.kpis.pointsDaily.query({ tenantId: TENANT, from: '2026-12-01', to: '2026-11-01' }),
    ).rejects.toMatchObject({ data: { httpStatus: 400 } });
  });
});
