import { parseEventPayload } from '@scontrino/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';
import { curator } from '../../test-support/reconciliation-service.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const card = '2900000012345';
const phone = '+39 333 123 4567';
const email = 'giulia.bianchi@example.it';

describe('one customer across the till, the receipt claim and the web shop', () => {
  let profileId: string;

  it('when a till sale names card + phone, a claim names an e-mail and a web order names phone + e-mail, then they are one profile with three channels of evidence', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const named = await platform.tillSale({ loyaltyCardNumber: card, phone });
    const first = await recon.waitLinked(`txn:${named.transactionId}`);

    const anonymous = await platform.tillSale(undefined);
    await recon.waitLinked(`txn:${anonymous.transactionId}`);
    await platform.claim(anonymous, email);
    const claimed = await recon.waitLinked(`claim:${anonymous.receiptId}`);
    expect(claimed.profileId).not.toBe(first.profileId);

    const order = await recon.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId: 'W-100',
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 12900,
      customer: { email, phone: '333-1234567', country: 'IT', name: 'Giulia Bianchi' },
      lines: [{ sku: 'DRESS-1', quantity: 1, total: 12900 }],
    });
    expect(order.status).toBe(202);
    const linked = await recon.waitLinked('order:moda-rossi:web-it:W-100');
    // The till's profile is the older one: it survives.
    expect(linked.profileId).toBe(first.profileId);
    profileId = linked.profileId!;

    const view = await recon.staff.profiles.get.query({ tenantId, profileId });
    expect(view.identifiers.map((i) => i.type).sort()).toEqual(['card', 'email', 'phone']);
    expect(new Set(view.timeline.map((t) => t.channel))).toEqual(new Set(['store', 'receipt_claim', 'web']));
    expect(view.golden).toMatchObject({
      email: { masked: 'g•••i@e•••.it', verified: true },
      phone: { masked: '+39 ••• ••• 45 67' },
      name: { initials: 'G. B.', source: 'order' },
    });
    expect(view.figures).toMatchObject({
      store: { purchases: 2 },
      online: { purchases: 1, spend: 12900 },
      crossChannel: 'buys online and in store',
    });

    const merged = await vi.waitFor(async () => {
      const events = await platform.published('loyalty-service', 'profiles.merged');
      if (events.length === 0) throw new Error('no profiles.merged yet');
      return events;
    });
    const payload = parseEventPayload('profiles.merged', merged[0]?.payload);
    expect(payload).toMatchObject({
      survivorId: first.profileId,
      absorbedIds: [claimed.profileId],
      reason: { rule: 'online-order', observationId: 'order:moda-rossi:web-it:W-100', actor: null },
    });
    expect(payload.identifiers).toHaveLength(3);

    // A caller still holding the absorbed id is answered with the survivor.
    const absorbed = await recon.staff.profiles.get.query({ tenantId, profileId: claimed.profileId! });
    expect(absorbed).toMatchObject({ profileId, requestedId: claimed.profileId });
  });

  it('when asked why the card and the e-mail are one customer, then the path goes through the phone: the till sale, then the web order', async () => {
    const explanation = await platform.reconciliation.staff.profiles.explain.query({
      tenantId: platform.tenantId,
      profileId,
      from: { type: 'card', value: card },
      to: { type: 'email', value: email },
    });
    expect(explanation.connected).toBe(true);
    expect(explanation.steps.map((s) => [s.from.type, s.to.type, s.rule, s.channel])).toEqual([
      ['card', 'phone', 'till-sale', 'store'],
      ['phone', 'email', 'online-order', 'web'],
    ]);
    expect(explanation.steps[1]?.to.masked).toBe('g•••i@e•••.it');
  });

  it('when staff cut the web order link, then the profile splits back with stable ids and profiles.unmerged is published', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const cut = await (
      await curator(recon, tenantId)
    ).links.cut.mutate({
      tenantId,
      between: { a: { type: 'phone', value: phone }, b: { type: 'email', value: email } },
      reason: 'a shared family phone',
    });
    expect(cut.split).toBe(1);
    const kept = cut.profiles.find((p) => p.profileId === profileId);
    expect(kept?.identifiers.map((i) => i.type).sort()).toEqual(['card', 'phone']);
    const split = cut.profiles.find((p) => p.profileId !== profileId);
    expect(split?.identifiers.map((i) => i.type)).toEqual(['email']);
    expect(await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: email })).toEqual({
      profileId: split?.profileId,
    });

    const unmerged = await vi.waitFor(async () => {
      const events = await platform.published('loyalty-service', 'profiles.unmerged');
      if (events.length === 0) throw new Error('no profiles.unmerged yet');
      return events;
    });
    expect(parseEventPayload('profiles.unmerged', unmerged[0]?.payload)).toMatchObject({
      fromProfileId: profileId,
      profiles: [{ profileId }, { profileId: split?.profileId }],
      reason: { rule: 'link-cut', actor: 'crm:anna' },
    });

    // A replayed web order does not undo the cut.
    await recon.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId: 'W-101',
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 1000,
      customer: { email, phone, country: 'IT' },
      lines: [{ sku: 'SOCKS', quantity: 1, total: 1000 }],
    });
    await recon.waitLinked('order:moda-rossi:web-it:W-101');
    const again = await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: email });
    expect(again?.profileId).not.toBe(profileId);
  });
});
