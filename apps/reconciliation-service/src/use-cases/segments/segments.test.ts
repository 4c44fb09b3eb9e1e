import { startTestLoyaltyService, type TestLoyaltyService } from '@scontrino/loyalty-service/testing';
import { testPlatformKeys } from '@scontrino/receipt-service/testing';
import { refusalOf, staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

const tenantId = 'moda-rossi';
const DAY = 24 * 60 * 60 * 1000;
const first = new Date('2026-06-30T12:00:00Z');
const second = new Date('2026-07-10T12:00:00Z');
let now = first;
let service: TestReconciliationService;
let loyalty: TestLoyaltyService;

const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY).toISOString();
let orders = 0;
/** `count` web orders of 20 € by `email`, the last `lastDaysAgo` days before `at`, the others a day apart before it. */
async function buys(email: string, count: number, lastDaysAgo: number, at: Date) {
  for (let n = 0; n < count; n += 1) {
    orders += 1;
    const orderId = `SEG-${orders}`;
    const res = await service.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId,
      channel: 'web',
      placedAt: daysBefore(at, lastDaysAgo + n),
      currency: 'EUR',
      total: 2000,
      customer: { email },
      lines: [{ sku: 'SKU-1', quantity: 1, total: 2000 }],
    });
    expect(res.status).toBeLessThan(300);
    await service.waitLinked(`order:${tenantId}:web-it:${orderId}`);
  }
}

beforeAll(async () => {
  const crypto = testPlatformKeys();
  loyalty = await startTestLoyaltyService({ crypto });
  service = await startTestReconciliationService({
    clock: () => now,
    crypto,
    peers: { loyalty: { url: loyalty.url, serviceToken: loyalty.serviceToken } },
  });
  // One customer per quintile on the first day: recency 2/10/30/100/300 days, 5…1 orders.
  await buys('anna@example.com', 5, 2, first);
  await buys('bruno@example.com', 4, 10, first);
  await buys('carla@example.com', 3, 30, first);
  await buys('dario@example.com', 2, 100, first);
  await buys('elena@example.com', 1, 300, first);
}, 120_000);
afterAll(async () => {
  await service.close();
  await loyalty.close();
});

describe('RFM segment snapshots', () => {
  it('counts each brand customer in the segment their quintiles name, once however often the job runs', async () => {
    expect(await service.snapshotSegments()).toEqual({ [tenantId]: 5 });
    expect(await service.snapshotSegments()).toEqual({ [tenantId]: 5 });
    const { dates, snapshot } = await service.staff.segments.summary.query({ tenantId });
    expect(dates).toEqual(['2026-06-30']);
    expect(snapshot?.customers).toBe(5);
    expect(snapshot?.cutoffs.recency).toEqual([2, 10, 30, 100]);
    expect(snapshot?.cutoffs.frequency).toEqual([1, 2, 3, 4]);
    // Anna R5 F5, Bruno R4 F4, Carla R3 F3, Dario R2 F2, Elena R1 F1.
    expect(snapshot?.counts).toMatchObject({
      champions: 1,
      loyal: 1,
      need_attention: 1,
      hibernating: 1,
      lost: 1,
      potential_loyalists: 0,
    });
    expect(Object.values(snapshot?.counts ?? {}).reduce((x, y) => x + y, 0)).toBe(5);
  });

  it('shows how customers moved between two days, new buyers coming from none', async () => {
    now = second;
    // Elena comes back yesterday; Fabio buys for the first time.
    await buys('elena@example.com', 1, 1, second);
    await buys('fabio@example.com', 1, 1, second);
    await service.snapshotSegments();
    const { snapshot } = await service.staff.segments.summary.query({ tenantId, date: '2026-07-10' });
    expect(snapshot?.customers).toBe(6);
    expect(snapshot?.counts).toMatchObject({ loyal: 2, at_risk: 1, lost: 1, new: 2, champions: 0 });

    const movement = await service.staff.segments.movement.query({
      tenantId,
      from: '2026-06-30',
      to: '2026-07-10',
    });
    expect(movement.cells).toEqual([
      { from: 'champions', to: 'loyal', customers: 1 },
      { from: 'loyal', to: 'loyal', customers: 1 },
      { from: 'need_attention', to: 'at_risk', customers: 1 },
      { from: 'hibernating', to: 'lost', customers: 1 },
      { from: 'lost', to: 'new', customers: 1 },
      { from: 'none', to: 'new', customers: 1 },
    ]);
    // Asked again: the same matrix (kept), not recomputed differently.
    expect(
      (await service.staff.segments.movement.query({ tenantId, from: '2026-06-30', to: '2026-07-10' })).cells,
    ).toEqual(movement.cells);
  });

  it("lists a segment's members masked for the CRM analyst, and refuses store managers", async () => {
    const analyst = service.as(await staffToken({ sub: 'crm', roles: ['crm_analyst'], tenants: [tenantId] }));
    const { members, pages } = await analyst.segments.members.query({
      tenantId,
      date: '2026-07-10',
      segment: 'new',
    });
    expect(pages).toBe(1);
    expect(members).toHaveLength(2);
    const emails = members.flatMap((m) => m.identifiers.filter((i) => i.type === 'email'));
    expect(emails).toHaveLength(2);
    expect(JSON.stringify(members)).not.toMatch(/elena@example\.com|fabio@example\.com/);
    expect(emails.every((e) => e.masked.includes('•'))).toBe(true);

    const manager = service.as(
      await staffToken({ sub: 'mgr', roles: ['store_manager'], tenants: [tenantId], stores: ['MI-001'] }),
    );
    expect(await refusalOf(manager.segments.summary.query({ tenantId }))).toMatchObject({ status: 403 });
    expect(
      await refusalOf(analyst.segments.movement.query({ tenantId, from: '2026-07-10', to: '2026-06-30' })),
    ).toMatchObject({ status: 400 });
    expect(await refusalOf(analyst.segments.summary.query({ tenantId, date: '2026-01-01' }))).toMatchObject({
      status: 404,
      code: 'segments.no_snapshot',
    });
  });
});

describe('segment export', () => {
  it('exports only the members who consented on the channel, masked, with their consent per channel', async () => {
    // Elena joined the program and said yes to offers by e-mail; Fabio said no.
    for (const [email, granted, card] of [
      ['elena@example.com', true, '2900000030001'],
      ['fabio@example.com', false, '2900000030002'],
    ] as const)
      await loyalty.trpc.members.enrol.mutate({
        tenantId,
        email,
        cardNumbers: [card],
        marketingConsent: { granted, source: 'till' },
      });
    const analyst = service.as(await staffToken({ sub: 'crm', roles: ['crm_analyst'], tenants: [tenantId] }));
    const byEmail = await analyst.segments.export.mutate({
      tenantId,
      date: '2026-07-10',
      segment: 'new',
      channel: 'email',
    });
    expect(byEmail.members).toBe(2);
    expect(byEmail.rows).toHaveLength(1);
    expect(byEmail.rows[0]).toMatchObject({
      recency: 5,
      frequency: 1,
      consent: { email: true, sms: null, app: null },
    });
    expect(byEmail.rows[0]?.contact).toMatch(/^e.*•.*@/);
    expect(JSON.stringify(byEmail)).not.toContain('elena@example.com');
    // Nobody was ever asked about SMS: nobody is exported for it.
    const bySms = await analyst.segments.export.mutate({
      tenantId,
      date: '2026-07-10',
      segment: 'new',
      channel: 'sms',
    });
    expect(bySms.rows).toEqual([]);
    // The export is in the audit log, under the analyst's name.
    const audit = await service.staff.audit.search.query({ tenantId, action: 'segments.export' });
    expect(audit.entries.map((e) => [e.actor.subject, e.kind, e.outcome])).toContainEqual([
      'crm',
      'read',
      'ok',
    ]);
  });
});
