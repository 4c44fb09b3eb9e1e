import type { EventEnvelope } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { staffToken } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from './test-support/platform.js';

/** Every document of every collection of a database, as one string to search for a value. */
async function everyDocument(database: Connection, except: readonly string[] = []): Promise<string> {
  const collections = (await database.db!.listCollections().toArray()).filter(
    ({ name }) => !except.includes(name),
  );
  const documents = await Promise.all(
    collections.map(async ({ name }) => ({
      name,
      documents: await database.collection(name).find({}).toArray(),
    })),
  );
  return JSON.stringify(documents);
}

interface LedgerBalances {
  _id: string;
  kind: string;
  pending: number;
  active: number;
  debt: number;
}

/** What the retailer's books say: receipt totals (minor units) and every ledger entry's balances. */
async function books(platform: TestPlatform) {
  const receipts = await platform.receipt.database
    .collection<{ payload: { totals: { total: number } } }>('transactions')
    .find({})
    .toArray();
  const entries = await platform
    .loyalty!.database.collection<LedgerBalances>('ledger_entries')
    .find({})
    .sort({ _id: 1 })
    .toArray();
  return {
    receiptTotal: receipts.reduce((sum, sale) => sum + Number(sale.payload.totals.total), 0),
    ledger: entries.map(({ _id, kind, pending, active, debt }) => ({ _id, kind, pending, active, debt })),
  };
}

const card = '2900000077777';
const email = 'giulia.neri@example.it';
const phone = '+39 347 555 0123';
const phoneNormalised = '+393475550123';
const name = 'Giulia Neri';

describe('a data-subject request across the three services', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ withLoyalty: true });
  });
  afterAll(() => platform.close());

  it('when a customer with receipts, points and a merged profile is exported and erased, then the archive holds every service and afterwards no database names them, a replay changes nothing, and the books still add up', async () => {
    const { reconciliation: recon, receipt, tenantId } = platform;
    const loyalty = platform.loyalty!;
    // A web order with her phone and name: one profile. Then she joins the program with her card
    // and address (loyalty tells reconciliation: another profile), and shows the card at the till
    // with her phone, which merges the two (the order's profile is older: it survives).
    await recon.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId: 'W-77',
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 4900,
      customer: { phone, name },
      lines: [{ sku: 'SCARF', quantity: 1, total: 4900 }],
    });
    const { profileId } = await recon.waitLinked('order:moda-rossi:web-it:W-77');
    const { memberId } = await loyalty.staff.members.enrol.mutate({
      tenantId,
      email,
      name,
      cardNumbers: [card],
      marketingConsent: { granted: true, source: 'till' },
    });
    const { profileId: memberProfile } = await recon.waitLinked(`enrolment:${tenantId}:${memberId}`);
    expect(memberProfile).not.toBe(profileId);
    const sale = await platform.tillSale({ loyaltyCardNumber: card, phone });
    expect((await recon.waitLinked(`txn:${sale.transactionId}`)).profileId).toBe(profileId);
    // A receipt claimed with her address, then a till sale with card and address: the same person.
    const anonymous = await platform.tillSale(undefined);
    await platform.claim(anonymous, email);
    expect((await recon.waitLinked(`claim:${anonymous.receiptId}`)).profileId).toBe(profileId);
    const second = await platform.tillSale({ loyaltyCardNumber: card, email, receiptDelivery: ['email'] });
    expect((await recon.waitLinked(`txn:${second.transactionId}`)).profileId).toBe(profileId);
    expect(
      (await recon.trpc.profiles.resolve.query({ tenantId, type: 'card', value: card }))?.profileId,
    ).toBe(profileId);
    await vi.waitFor(
      async () => {
        expect(
          await receipt.database.collection('receipt_deliveries').countDocuments({ state: 'sent' }),
        ).toBe(2);
        const { ledger } = await books(platform);
        expect(ledger.filter((entry) => entry.kind === 'earn')).toHaveLength(3);
      },
      { timeout: 15_000 },
    );

    // The request names her by e-mail; the archive has every service's part.
    const archive = await recon.staff.privacy.exportArchive.query({ tenantId, email });
    expect(archive.profileId).toBe(profileId);
    expect(archive.manifest.map((entry) => entry.service)).toEqual([
      'reconciliation-service',
      'loyalty-service',
      'receipt-service',
    ]);
    const sections = Object.fromEntries(
      archive.manifest.map(({ service, sections }) => [
        service,
        Object.fromEntries(sections.map((section) => [section.name, section.records])),
      ]),
    );
    expect(sections).toMatchObject({
      'reconciliation-service': { observations: 5 },
      'loyalty-service': { members: 1, sales: 3 },
      'receipt-service': { transactions: 3, claims: 1, deliveries: 2, emailPreferences: 1 },
    });
    const { services } = archive;
    expect(services['reconciliation-service'].profile.golden.name?.value).toBe(name);
    expect(services['reconciliation-service'].history.merges).not.toHaveLength(0);
    const [member] = services['loyalty-service'].members;
    expect(member).toMatchObject({ memberId, email, name, cards: [{ number: card }] });
    expect(member?.consentHistory).toEqual([
      expect.objectContaining({ purpose: 'marketing_email', granted: true, source: 'till' }),
    ]);
    expect(member?.ledger.filter((entry) => entry.kind === 'earn')).toHaveLength(3);
    const till = services['receipt-service'].transactions.find((t) => t.receiptId === sale.receiptId);
    expect(till?.customer).toMatchObject({ phone, loyaltyCardNumber: card });
    expect(services['receipt-service'].claims).toEqual([
      expect.objectContaining({ receiptId: anonymous.receiptId, email }),
    ]);
    expect(services['receipt-service'].emailPreferences[0]?.history.length).toBeGreaterThan(0);

    // The scan below finds the person's keys where they are: here, before the erasure.
    const keysBefore = await loyalty.database.collection('member_keys').find({ memberId }).toArray();
    const cardHash = String(keysBefore.find((key) => key.type === 'card')?._id)
      .split(':')
      .at(-1)!;
    for (const database of [recon.database, receipt.database, loyalty.database])
      expect(await everyDocument(database)).toContain(cardHash);

    const before = await books(platform);
    const erased = await recon.staff.privacy.erase.mutate({ tenantId, profileId: profileId! });
    expect(erased).toMatchObject({ identifiersErased: 3, observationsDeleted: 5 });

    const report = await vi.waitFor(
      async () => {
        const found = await recon.staff.privacy.erasureReport.query({
          tenantId,
          erasureId: erased.erasureId,
        });
        expect(found.services.map((service) => service.status)).toEqual(['done', 'done', 'done']);
        return found;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(report).toMatchObject({ profileId, actor: 'test-admin' });
    expect(report.services).toEqual([
      expect.objectContaining({
        service: 'reconciliation-service',
        counts: {
          identifiers: 3,
          observationsDeleted: 5,
          observationsAnonymised: 0,
          // Her name, her phone's digits, her address's letters, and those letters at the store.
          matchKeys: 4,
          mergeRecords: 1,
          profiles: 1,
        },
      }),
      expect.objectContaining({
        service: 'loyalty-service',
        counts: { members: 1, memberKeys: 2, sales: 2, earlyClaims: 0, enrolments: 1 },
      }),
      expect.objectContaining({
        service: 'receipt-service',
        counts: { transactions: 2, claims: 1, deliveries: 2, consentHistories: 1 },
      }),
    ]);

    const erasureEvent = (await platform.published('loyalty-service', 'customer.erased'))[0];
    const hashes = (erasureEvent?.payload as { identifiers: { hash: string }[] }).identifiers.map(
      (i) => i.hash,
    );
    expect(hashes).toHaveLength(3);
    const assertForgotten = async () => {
      for (const database of [recon.database, receipt.database, loyalty.database]) {
        const held = await everyDocument(database);
        for (const value of [email, phone, phoneNormalised, name, card, 'Giulia', 'Neri'])
          expect(held).not.toContain(value);
      }
      // Only the reconciliation service keeps the keys, as tombstones and its erasure record.
      const kept = ['identifier_tombstones', 'erasures'];
      for (const [database, except] of [
        [recon.database, kept],
        [receipt.database, []],
        [loyalty.database, []],
      ] as const) {
        const held = await everyDocument(database, except);
        for (const hash of hashes) expect(held).not.toContain(hash);
      }
    };
    await assertForgotten();
    expect(await books(platform)).toEqual(before);

    // The till sale's event delivered again to every inbox (a restored backup, a manual retry).
    const original = (
      await platform.reconciliation.queues
        .queue(inboxQueueName('reconciliation-service'))
        .getJob(`${sale.transactionId}.recorded`)
    )?.data as EventEnvelope;
    expect(original.type).toBe('transaction.recorded');
    const replay = { ...original, id: `${original.id}.replayed` };
    const replays = await Promise.all(
      (['reconciliation-service', 'loyalty-service', 'receipt-service'] as const).map((service) =>
        recon.queues.queue(inboxQueueName(service)).add(replay, { jobId: replay.id }),
      ),
    );
    await Promise.all(replays.map((job) => job.finished()));
    expect(await recon.waitLinked(`txn:${sale.transactionId}`)).toEqual({ profileId: null });
    expect(await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: email })).toBeNull();
    await expect(loyalty.staff.members.get.query({ memberId })).resolves.toMatchObject({
      email: null,
      name: null,
      cards: [],
      erased: true,
    });
    await assertForgotten();
    expect(await books(platform)).toEqual(before);
    await expect(recon.staff.privacy.exportArchive.query({ tenantId, email })).rejects.toThrow(
      /Nobody is known/,
    );
  });

  it('when the staff member may not handle data-subject requests or works for another brand, then they are refused', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const analyst = recon.as(await staffToken({ roles: ['crm_analyst'] }));
    await expect(analyst.privacy.exportArchive.query({ tenantId, email })).rejects.toMatchObject({
      data: { httpStatus: 403 },
    });
    const elsewhere = recon.as(await staffToken({ roles: ['support'], tenants: ['other-brand'] }));
    await expect(elsewhere.privacy.erase.mutate({ tenantId, profileId: 'prf_x' })).rejects.toMatchObject({
      data: { httpStatus: 403 },
    });
    await expect(recon.trpc.privacy.export.query({ tenantId, profileId: 'prf_x' })).rejects.toMatchObject({
      data: { httpStatus: 401 },
    });
  });
});

describe('a data-subject request while a peer is down', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    // No loyalty service: its address answers nothing.
    platform = await startTestPlatform({ peers: { timeoutMs: 2_000 } });
  });
  afterAll(() => platform.close());

  it('when the loyalty service does not answer, then the archive is refused with a 503 naming it', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const sale = await platform.tillSale({ loyaltyCardNumber: card, phone });
    await recon.waitLinked(`txn:${sale.transactionId}`);
    await expect(
      recon.staff.privacy.exportArchive.query({ tenantId, cardNumber: card }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/loyalty-service/) as unknown,
      data: { httpStatus: 503 },
    });
  });
});
