import { type EventEnvelope, parseEventPayload } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

/** Every document of every collection, as one string to search for a value. */
async function everyDocument(database: Connection): Promise<string> {
  const collections = await database.db!.listCollections().toArray();
  const documents = await Promise.all(
    collections.map(({ name }) => database.collection(name).find({}).toArray()),
  );
  return JSON.stringify(documents);
}

const card = '2900000054321';
const email = 'luca.verdi@example.it';

describe('erasing a customer', () => {
  it('when a profile is erased, then nothing readable remains, customer.erased goes out, and a replayed event does not recreate it', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const sale = await platform.tillSale({ loyaltyCardNumber: card, phone: '+39 347 000 1111' });
    const { profileId } = await recon.waitLinked(`txn:${sale.transactionId}`);
    await recon.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId: 'E-1',
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 2500,
      customer: { email, phone: '+39 347 000 1111', name: 'Luca Verdi' },
      lines: [{ sku: 'BELT', quantity: 1, total: 2500 }],
    });
    expect((await recon.waitLinked('order:moda-rossi:web-it:E-1')).profileId).toBe(profileId);
    // An anonymous sale whose slip they claimed with the same address: a claim and its email.
    const anonymous = await platform.tillSale(undefined);
    await platform.claim(anonymous, email);
    expect((await recon.waitLinked(`claim:${anonymous.receiptId}`)).profileId).toBe(profileId);
    const receiptDb = platform.receipt.database;
    // The receipt service sends on its own time: linking (faster now) no longer covers for it.
    await vi.waitFor(
      async () => {
        expect(await receiptDb.collection('receipt_deliveries').countDocuments({ state: 'sent' })).toBe(1);
      },
      { timeout: 10_000 },
    );

    const exported = await recon.staff.privacy.export.query({ tenantId, profileId: profileId! });
    expect(exported.observations).toHaveLength(3);
    expect(exported.profile.golden.name?.value).toBe('Luca Verdi');

    const erased = await recon.staff.privacy.erase.mutate({ tenantId, profileId: profileId! });
    expect(erased).toMatchObject({ identifiersErased: 3, observationsDeleted: 3, observationsAnonymised: 0 });

    const announced = await vi.waitFor(async () => {
      const events = await platform.published('receipt-service', 'customer.erased');
      if (events.length === 0) throw new Error('no customer.erased yet');
      return events;
    });
    const erasure = parseEventPayload('customer.erased', announced[0]?.payload);
    expect(erasure).toMatchObject({ tenantId, profileId, erasureId: erased.erasureId });

    // The receipt service keeps both receipts, fiscal content and all, without the person.
    await vi.waitFor(
      async () => {
        const sold = await receiptDb.collection('transactions').findOne({ _id: sale.transactionId as never });
        expect(sold).toMatchObject({ customer: null });
        expect(sold?.payload).toHaveProperty('totals.total');
      },
      { timeout: 10_000 },
    );
    const claimed = await receiptDb.collection('receipt_claims').findOne({ receiptId: anonymous.receiptId });
    expect(claimed?.email).toBeNull();
    expect(claimed?.erasedAt).toBeInstanceOf(Date);
    await vi.waitFor(
      async () =>
        expect(await receiptDb.collection('receipt_deliveries').findOne({})).toMatchObject({
          state: 'sent',
          address: null,
        }),
      { timeout: 10_000 },
    );
    expect(await receiptDb.collection('email_preferences').countDocuments()).toBe(0);
    const held = await everyDocument(receiptDb);
    for (const { hash } of erasure.identifiers) expect(held).not.toContain(hash);

    await expect(recon.staff.profiles.get.query({ tenantId, profileId: profileId! })).rejects.toThrow(
      /No such profile/,
    );
    expect(await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: email })).toBeNull();
    const db = recon.database;
    expect(await db.collection('identifiers').countDocuments({ tenantId })).toBe(0);
    // Only the anonymous sale's own observation is left: it never named anybody.
    const left = await db.collection('observations').find({ tenantId }).toArray();
    expect(
      left.map((found) => ({
        _id: found._id,
        identifiers: found.identifiers as unknown,
        identifierIds: found.identifierIds as unknown,
      })),
    ).toEqual([{ _id: `txn:${anonymous.transactionId}`, identifiers: [], identifierIds: [] }]);
    const profile = await db.collection('profiles').findOne({ _id: profileId as never });
    expect(profile).toMatchObject({ identifierIds: [] });
    expect(profile?.erasedAt).toBeInstanceOf(Date);

    // The same sale's event delivered again (a restored backup, a manual retry with a new id).
    const inbox = recon.queues.queue(inboxQueueName('reconciliation-service'));
    const original = (await inbox.getJob(`${sale.transactionId}.recorded`))?.data as EventEnvelope;
    await inbox.add({ ...original, id: `${original.id}.replayed` }, { jobId: `${original.id}.replayed` });
    expect(await recon.waitLinked(`txn:${sale.transactionId}`)).toEqual({ profileId: null });
    expect(await recon.trpc.profiles.resolve.query({ tenantId, type: 'card', value: card })).toBeNull();
    expect(await db.collection('identifiers').countDocuments({ tenantId })).toBe(0);
    const replayed = await db
      .collection('observations')
      .findOne({ _id: `txn:${sale.transactionId}` as never });
    expect(replayed?.identifiers).toEqual([]);
    expect(replayed?.identifierIds).toEqual([]);
  });

  it('when an identify named four addresses with a name and the limit kept one apart, then erasing the three takes the name off the one left', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const addresses = [1, 2, 3, 4].map((n) => `sara.neri.${n}@example.it`);
    const { observationId } = await recon.trpc.observations.identify.mutate({
      tenantId,
      source: 'crm',
      sourceId: 'crm-sara-neri',
      at: new Date().toISOString(),
      identifiers: addresses.map((value) => ({ type: 'email' as const, value })),
      name: 'Sara Neri',
    });
    await recon.waitLinked(observationId);
    const profiles = await Promise.all(
      addresses.map((value) => recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value })),
    );
    const ids = profiles.map((profile) => profile!.profileId);
    const three = ids.find((id) => ids.filter((other) => other === id).length === 3)!;
    expect(new Set(ids).size).toBe(2);
    const db = recon.database;
    const named = await db.collection('identifiers').find({ tenantId, type: 'email' }).toArray();
    expect(named.map((document) => (document.names as string[]).length)).toEqual([1, 1, 1, 1]);

    await recon.staff.privacy.erase.mutate({ tenantId, profileId: three });
    const left = await db.collection('identifiers').find({ tenantId }).toArray();
    expect(left).toHaveLength(1);
    expect(left[0]?.names).toEqual([]);
  });
});
