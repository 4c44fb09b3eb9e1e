import { setTimeout as sleep } from 'node:timers/promises';
import { startTestLoyaltyService, testLoyaltyKeys } from '@scontrino/loyalty-service/testing';
import { inboxQueueName, type QueueFactory } from '@scontrino/queue';
import { startTestReconciliationService } from '@scontrino/reconciliation-service/testing';
import { startTestReceiptService, TEST_SERVICE_TOKEN } from '@scontrino/receipt-service/testing';
import { staffToken, uniqueName } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, memberPool } from '../catalogue/index.js';
import { type DemoData, seedDemo } from './seed-demo.js';

const MEMBERS = 6;
const cleanups: (() => Promise<unknown>)[] = [];
let demo: DemoData;
let databases: Connection[];

/** Waits until no inbox of the three services has an event left to handle. */
async function settled(queues: QueueFactory): Promise<void> {
  const inboxes = (['receipt-service', 'loyalty-service', 'reconciliation-service'] as const).map((service) =>
    queues.queue(inboxQueueName(service)),
  );
  for (let quiet = 0; quiet < 3;) {
    const counts = await Promise.all(
      inboxes.map((inbox) => inbox.getJobCounts().then((c) => c.waiting + c.active + c.delayed)),
    );
    quiet = counts.every((count) => count === 0) ? quiet + 1 : 0;
    await sleep(200);
  }
}

/** Every string stored anywhere in a database, collection by collection, as a dump would hold it. */
async function dump(database: Connection): Promise<string> {
  const collections = await database.db!.listCollections().toArray();
  const documents = await Promise.all(
    collections.map(({ name }) => database.collection(name).find({}).toArray()),
  );
  return JSON.stringify(documents);
}

describe('the demo data at rest', () => {
  beforeAll(async () => {
    const crypto = testLoyaltyKeys();
    const queuePrefix = uniqueName('demo');
    const serviceToken = TEST_SERVICE_TOKEN;
    // No brand exists until the demo creates it, as on a new stack.
    const receipts = await startTestReceiptService({ crypto, queuePrefix, tenants: [] });
    cleanups.push(() => receipts.close());
    // Tills redeem with their terminal keys and web shops post with theirs, which the other services
    // check with the receipt service, as they check every call's tenant.
    const loyalty = await startTestLoyaltyService({
      crypto,
      queuePrefix,
      serviceToken,
      receiptServiceUrl: receipts.url,
      checkTenants: true,
    });
    cleanups.push(() => loyalty.close());
    const reconciliation = await startTestReconciliationService({
      crypto,
      queuePrefix,
      serviceToken,
      receiptService: { url: receipts.url, serviceToken },
      checkTenants: true,
    });
    cleanups.push(() => reconciliation.close());
    demo = await seedDemo(
      {
        receiptUrl: receipts.url,
        loyaltyUrl: loyalty.url,
        reconciliationUrl: reconciliation.url,
        serviceToken,
        // The back office of both brands, as `npm start`'s admin token is (that one for every brand).
        staffToken: await staffToken({
          sub: 'demo',
          tenants: [brands.modaRossi.tenantId, brands.mercatoEsposito.tenantId],
        }),
      },
      { membersPerBrand: MEMBERS, arrivals: 40, rate: 20 },
    );
    await settled(receipts.queues);
    databases = [receipts.database, loyalty.database, reconciliation.database];
  }, 180_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('when the demo has run, then members, sales and links are there, and the demo member has a receipt and a claim page', () => {
    expect(demo.enrolled).toBe(2 * MEMBERS);
    expect(demo.history.arrivals.started).toBe(40);
    // Each request kind's failures by reason (5xx, timeout, network), so a failure says which.
    const failed = Object.entries(demo.history.requests).filter(
      ([, kind]) => Object.keys(kind.failed).length,
    );
    expect(Object.fromEntries(failed.map(([name, kind]) => [name, kind.failed]))).toEqual({});
    expect(demo.history.unexpectedFailures).toBe(0);
    expect(demo.receiptUrl).toMatch(/\/r\/[\w-]{32}$/);
    expect(demo.claimUrl).toMatch(/\/c\/[\w-]+$/);
    expect(demo.member.email).toBe(memberPool(brands.modaRossi.tenantId, 1)[0]?.email);
  });

  it('when every collection of the three databases is dumped, then no e-mail address or phone number is in clear', async () => {
    const held = (await Promise.all(databases.map(dump))).join('\n');
    // Sanity: the dump is the real one, holding the demo's sales and members.
    expect(held).toContain('MI-001');
    expect(held.length).toBeGreaterThan(50_000);

    expect(held.match(/[\w.+-]+@[\w-]+\.[\w.-]+/g) ?? []).toEqual([]);
    for (const tenantId of [brands.modaRossi.tenantId, brands.mercatoEsposito.tenantId])
      for (const member of memberPool(tenantId, MEMBERS)) {
        const national = member.phone.replace(/^\+39/, '').replace(/\D/g, '');
        expect(held).not.toContain(national);
        expect(held).not.toContain(member.phone);
        expect(held).not.toContain(`${member.firstName} ${member.lastName}`);
      }
  });
});
