import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope, TransactionRecordedPayload } from '@scontrino/contracts';
import { createEventPublisher, inboxQueueName } from '@scontrino/queue';
import { refusalOf, staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCrypto } from '../../store/identity-crypto.js';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

const tenantId = 'moda-rossi';
const keys = {
  CRYPTO_KEYS: { '1': randomBytes(32).toString('base64') },
  CRYPTO_ACTIVE_KEY: 1,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
};
const crypto = identityCrypto(keys);
/** The figures are built on 1 August 2026: cohorts' ages count to that day. */
const now = new Date('2026-08-01T12:00:00Z');
let service: TestReconciliationService;

const sealed = (type: 'card' | 'email', value: string) => ({
  type,
  hash: crypto.lookupHash(type, value),
  sealed: crypto.sealForEvent(type, value),
});

/** A till sale (or return) at MI-001 on `day` at noon UTC, naming the card and e-mail given. */
async function till(
  day: string,
  total: number,
  customer: { card?: string; email?: string },
  type: 'sale' | 'return' = 'sale',
): Promise<string> {
  const id = `txn_${randomUUID()}`;
  const payload: TransactionRecordedPayload = {
    id,
    receiptId: `rcpt_${randomUUID()}`,
    transactionId: `T-${randomUUID()}`,
    storeId: 'MI-001',
    tenantId,
    type,
    occurredAt: `${day}T12:00:00.000Z`,
    currency: 'EUR',
    totals: { subtotal: total, discountTotal: 0, taxTotal: 0, total },
    lines: [],
    identifiers: [
      ...(customer.card ? [sealed('card', customer.card)] : []),
      ...(customer.email ? [sealed('email', customer.email)] : []),
    ],
    original: null,
    pointsRedeemed: 0,
  };
  const event: EventEnvelope<'transaction.recorded'> = {
    id: `evt_${randomUUID()}`,
    type: 'transaction.recorded',
    version: 1,
    occurredAt: payload.occurredAt,
    payload,
  };
  await createEventPublisher(service.queues)([event]);
  return (await service.waitLinked(`txn:${id}`)).profileId ?? '';
}

/** A web order delivered, placed on `day` by `email`. */
async function web(day: string, total: number, email: string): Promise<string> {
  const orderId = `W-${randomUUID().slice(0, 8)}`;
  const res = await service.postOrder({
    tenantId,
    shopId: 'web-it',
    orderId,
    channel: 'web',
    placedAt: `${day}T12:00:00.000Z`,
    currency: 'EUR',
    total,
    customer: { email },
    lines: [{ sku: 'SKU-1', quantity: 1, total }],
  });
  expect(res.status).toBeLessThan(300);
  return (await service.waitLinked(`order:${tenantId}:web-it:${orderId}`)).profileId ?? '';
}

const read = (from = '2026-04-01', to = '2026-07-31') =>
  service.staff.kpis.customersDaily.query({ tenantId, from, to });

beforeAll(async () => {
  service = await startTestReconciliationService({ crypto: keys, clock: () => now });
}, 60_000);
afterAll(() => service.close());

let darioId = '';

describe('customer figures on the dashboard', () => {
  it('counts identified customers once, their purchases and cohorts, from a small history', async () => {
    // Anna buys online with her e-mail, then in store with her card: two profiles for now.
    const annaOnline = await web('2026-04-01', 4000, 'anna@example.com');
    const annaCard = await till('2026-04-10', 6000, { card: '2900000000111' });
    expect(annaCard).not.toBe(annaOnline);
    await till('2026-04-05', 3000, { card: '2900000000222' }); // Bruno
    await till('2026-07-20', 5000, { card: '2900000000222' }); // Bruno, 106 days later
    await web('2026-05-10', 2500, 'carla@example.com');
    darioId = await till('2026-04-20', 10000, { card: '2900000000444' });
    await till('2026-04-25', 1000, { card: '2900000000444' });
    await till('2026-04-10', 9999, {}); // anonymous: nobody's

    expect((await service.customerFigures()).customers).toEqual({ [tenantId]: 5 });
    const { total, asOf } = await read();
    expect(asOf).toBe('2026-08-01');
    // Anna ×2 (not yet known as one), Bruno, Carla, Dario: 7 identified purchases.
    expect(total).toMatchObject({ customers: 5, purchases: 7, newCustomers: 5, crossChannelCustomers: 0 });
  });

  it('after a merge counts the customer once, with both channels', async () => {
    // Card and e-mail at the till: Anna's two profiles become one. A return on her card.
    await till('2026-05-01', 2000, { card: '2900000000111', email: 'anna@example.com' });
    await till('2026-05-05', 1000, { card: '2900000000111' }, 'return');
    await service.customerFigures();
    const { total } = await read();
    expect(total).toMatchObject({ customers: 4, purchases: 8, newCustomers: 4, crossChannelCustomers: 1 });
  });

  it('after an erasure forgets the customer, and gives the hand-computed figures', async () => {
    await service.staff.privacy.erase.mutate({ tenantId, profileId: darioId });
    expect((await service.customerFigures()).customers).toEqual({ [tenantId]: 3 });
    const { total, days } = await read();
    // Anna: 1 Apr (web 40 €), 10 Apr, 1 May (store 60 €, 20 €), a 10 € return: 3 purchases, 110 €.
    // Bruno: 5 Apr, 20 Jul (30 €, 50 €): 2 purchases, 80 €. Carla: 10 May online, 25 €.
    const revenue = 11000 + 8000 + 2500;
    const averageTicket = Math.round(revenue / 6); // 3583
    // Days as customers up to 1 Aug: Anna 122, Bruno 118, Carla 83.
    const purchasesPerYear = Math.round((6 / ((122 + 118 + 83) / 365)) * 100) / 100; // 6.78
    // Acquired 90+ days before 1 Aug: Anna (again after 9 days) and Bruno (after 106): 1 of 2.
    const expectedYears = 1 / (1 - 1 / 2);
    expect(total).toEqual({
      customers: 3,
      purchases: 6,
      purchasesPerCustomer: 2,
      crossChannelCustomers: 1,
      crossChannelShare: 1 / 3,
      newCustomers: 3,
      // Acquired 30+ days before: all three; only Anna came back within 30 days.
      repurchaseRate30: 1 / 3,
      repurchaseRate90: 1 / 2,
      clvHistorical: Math.round(revenue / 3),
      clvPredicted: Math.round(averageTicket * purchasesPerYear * expectedYears),
      averageTicket,
      purchasesPerYear,
      expectedYears,
    });
    expect(purchasesPerYear).toBe(6.78);
    // 10 April: Anna's store purchase alone (the anonymous sale is nobody's).
    expect(days.find((d) => d.day === '2026-04-10')?.kpis).toMatchObject({
      customers: 1,
      purchases: 1,
      newCustomers: 0,
    });
    // 10 April – 10 May: Anna twice (counted once) and Carla; Carla is the range's one new customer.
    expect((await read('2026-04-10', '2026-05-10')).total).toMatchObject({
      customers: 2,
      purchases: 3,
      purchasesPerCustomer: 1.5,
      newCustomers: 1,
      crossChannelCustomers: 1,
      // Carla was acquired 83 days before the build: too recent for the 90-day rate.
      repurchaseRate30: 0,
      repurchaseRate90: null,
      clvPredicted: null,
    });
  });

  it('gives the same figures when every event is delivered again', async () => {
    const before = await read();
    const inbox = service.queues.queue(inboxQueueName('reconciliation-service'));
    const handled = await inbox.getJobs(['completed']);
    expect(handled.map((job) => (job.data as EventEnvelope).type)).toEqual(
      expect.arrayContaining([
        'transaction.recorded',
        'online.order.placed',
        'profiles.merged',
        'customer.erased',
      ]),
    );
    for (const job of handled) await inbox.add(job.data, { jobId: `${String(job.id)}:again` });
    await service.customerFigures();
    const after = await read();
    expect({ ...after, builtAt: null }).toEqual({ ...before, builtAt: null });
  });

  /** The commands `work` sends to the service's database. */
  async function commandsOf(work: () => Promise<unknown>): Promise<string[]> {
    const commands: string[] = [];
    const listener = (event: {
      commandName: string;
      databaseName: string;
      command: Record<string, unknown>;
    }) => {
      if (event.databaseName === service.database.name)
        commands.push(`${event.commandName} ${String(event.command[event.commandName])}`);
    };
    service.database.getClient().on('commandStarted', listener);
    await work();
    service.database.getClient().off('commandStarted', listener);
    return commands;
  }

  it('builds the day counters from the facts in a handful of commands, whatever the days', async () => {
    const commands = await commandsOf(() => service.customerFigures());
    // No mark left: nothing computed; the tenant's facts read once, its days written in one command.
    expect(commands.filter((c) => / (profiles|identifiers|observations)$/.test(c))).toEqual([]);
    expect(commands.filter((c) => c.includes(' customer_')).sort()).toEqual([
      'distinct customer_facts',
      'find customer_days',
      'find customer_facts',
      'find customer_facts_marks',
      'update customer_days',
      'update customer_days_builds',
    ]);
  });

  it('reads one indexed query per month of day counters and the build, no purchase or profile', async () => {
    const commands = await commandsOf(() => read('2026-04-01', '2026-07-31'));
    // (The outbox dispatcher's sweeps may read observations meanwhile: they are not the read's.)
    expect(commands.filter((c) => / (profiles|identifiers|customer_facts)$/.test(c))).toEqual([]);
    expect(commands.filter((c) => c.includes(' customer_')).sort()).toEqual([
      'find customer_days',
      'find customer_days',
      'find customer_days',
      'find customer_days',
      'find customer_days_builds',
    ]);
  });

  it('shows the analyst the same counts, and refuses store managers and bad ranges', async () => {
    const analyst = service.as(await staffToken({ sub: 'crm', roles: ['crm_analyst'], tenants: [tenantId] }));
    expect(
      (await analyst.kpis.customersDaily.query({ tenantId, from: '2026-04-01', to: '2026-07-31' })).total,
    ).toEqual((await read()).total);
    const manager = service.as(
      await staffToken({ sub: 'mgr', roles: ['store_manager'], tenants: [tenantId], stores: ['MI-001'] }),
    );
    expect(
      await refusalOf(manager.kpis.customersDaily.query({ tenantId, from: '2026-04-01', to: '2026-07-31' })),
    ).toMatchObject({ status: 403 });
    expect(
      await refusalOf(analyst.kpis.customersDaily.query({ tenantId, from: '2026-07-31', to: '2026-04-01' })),
    ).toMatchObject({ status: 400 });
  });
});
