import { parseEventPayload } from '@scontrino/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const familyCard = '2900000055555';
const annPhone = '+39 333 555 0001';
const bobPhone = '+39 333 555 0002';
const bobPayment = 'pay-fp-bob-0002';

describe('a family card at the till', () => {
  it('when a card first joins a fingerprint and later the fingerprint’s own phone conflicts with the card holder’s, then the merge is split into a household and profiles.unmerged is published', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const ann = await platform.tillSale({ loyaltyCardNumber: familyCard, phone: annPhone });
    const annLinked = await recon.waitLinked(`txn:${ann.transactionId}`);
    const bobAlone = await platform.tillSale({ paymentFingerprint: bobPayment });
    const bobLinked = await recon.waitLinked(`txn:${bobAlone.transactionId}`);
    expect(bobLinked.profileId).not.toBe(annLinked.profileId);

    // Bob pays with his own card while showing the family card: nothing yet says he is not Ann.
    const shared = await platform.tillSale({ loyaltyCardNumber: familyCard, paymentFingerprint: bobPayment });
    const merged = await recon.waitLinked(`txn:${shared.transactionId}`);
    expect(merged.profileId).toBe(annLinked.profileId);

    // Then Bob gives his own phone: two phones on one card are two people sharing it.
    const bobNamed = await platform.tillSale({ phone: bobPhone, paymentFingerprint: bobPayment });
    await recon.waitLinked(`txn:${bobNamed.transactionId}`);
    const annProfile = await recon.trpc.profiles.resolve.query({ tenantId, type: 'phone', value: annPhone });
    const bobProfile = await recon.trpc.profiles.resolve.query({ tenantId, type: 'phone', value: bobPhone });
    expect(annProfile?.profileId).toBe(annLinked.profileId);
    expect(bobProfile?.profileId).not.toBe(annProfile?.profileId);
    expect(await recon.trpc.profiles.resolve.query({ tenantId, type: 'payment', value: bobPayment })).toEqual(
      bobProfile,
    );

    const annView = await recon.staff.profiles.get.query({ tenantId, profileId: annProfile!.profileId });
    const bobView = await recon.staff.profiles.get.query({ tenantId, profileId: bobProfile!.profileId });
    expect(annView.household?.householdId).toBeDefined();
    expect(bobView.household?.householdId).toBe(annView.household?.householdId);
    expect(annView.household?.profileIds.sort()).toEqual(
      [annProfile!.profileId, bobProfile!.profileId].sort(),
    );

    const unmerged = await vi.waitFor(async () => {
      const events = await platform.published('loyalty-service', 'profiles.unmerged');
      if (events.length === 0) throw new Error('no profiles.unmerged yet');
      return events;
    });
    expect(parseEventPayload('profiles.unmerged', unmerged[0]?.payload)).toMatchObject({
      fromProfileId: annProfile!.profileId,
      profiles: [{ profileId: annProfile!.profileId }, { profileId: bobProfile!.profileId }],
      reason: { rule: 'household', actor: null },
    });
  }, 60_000);

  it('when asked why the card and Bob’s phone are not one customer, then explain names the household and its shared card', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const bob = await recon.trpc.profiles.resolve.query({ tenantId, type: 'phone', value: bobPhone });
    const explanation = await recon.staff.profiles.explain.query({
      tenantId,
      profileId: bob!.profileId,
      from: { type: 'phone', value: bobPhone },
      to: { type: 'card', value: familyCard },
    });
    expect(explanation.connected).toBe(false);
    expect(explanation.household).toMatchObject({
      reason: 'shared-identifier-conflicting-persons',
      shared: [{ type: 'card' }],
      toldApartBy: ['phone'],
    });
    expect(explanation.household?.profileIds).toContain(bob!.profileId);
  });
});

describe('a family card told apart by names', () => {
  const card = '2900000077777';
  const annaPayment = 'pay-fp-anna-0077';
  const annaEmail = 'anna.verdi.77@example.it';
  const marcoPhone = '+39 333 777 0002';
  const identify = (
    sourceId: string,
    at: string,
    identifiers: { type: 'card' | 'payment' | 'email' | 'phone'; value: string }[],
    name?: string,
  ) =>
    platform.reconciliation.trpc.observations.identify.mutate({
      tenantId: platform.tenantId,
      source: sourceId.startsWith('pos') ? 'pos' : 'app-login',
      sourceId,
      at,
      identifiers,
      ...(name && { name }),
    });

  it('when one member shows the card only with her payment card and the other only with his phone, and each gave a different name in the app, then they form a household that says names told them apart', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const steps = [
      await identify('pos-77-1', '2026-03-01T10:00:00.000Z', [
        { type: 'card', value: card },
        { type: 'payment', value: annaPayment },
      ]),
      await identify('pos-77-2', '2026-03-02T10:00:00.000Z', [
        { type: 'payment', value: annaPayment },
        { type: 'email', value: annaEmail },
      ]),
      await identify(
        'app-77-1',
        '2026-03-03T10:00:00.000Z',
        [{ type: 'email', value: annaEmail }],
        'Anna Verdi',
      ),
      await identify('pos-77-3', '2026-03-04T10:00:00.000Z', [
        { type: 'card', value: card },
        { type: 'phone', value: marcoPhone },
      ]),
      await identify(
        'app-77-2',
        '2026-03-05T10:00:00.000Z',
        [{ type: 'phone', value: marcoPhone }],
        'Marco Verdi',
      ),
    ];
    for (const step of steps) await recon.waitLinked(step.observationId);
    const anna = await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: annaEmail });
    const marco = await recon.trpc.profiles.resolve.query({ tenantId, type: 'phone', value: marcoPhone });
    expect(marco?.profileId).not.toBe(anna?.profileId);
    const explanation = await recon.staff.profiles.explain.query({
      tenantId,
      profileId: marco!.profileId,
      from: { type: 'phone', value: marcoPhone },
      to: { type: 'card', value: card },
    });
    expect(explanation.connected).toBe(false);
    expect(explanation.household).toMatchObject({ shared: [{ type: 'card' }], toldApartBy: ['names'] });
    expect(explanation.household?.profileIds.sort()).toEqual([anna!.profileId, marco!.profileId].sort());
  }, 60_000);
});
