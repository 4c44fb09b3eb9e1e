import type { EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { uniqueEmail } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test-support/platform.js';

// The loyalty service runs too: its `member.enrolled` reaches this inbox through its outbox.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ withLoyalty: true });
});
afterAll(() => platform?.close());

const familyCard = '2900000066660';
const stefanoPhone = '+39 333 666 0002';
const stefanoPayment = 'pay-fp-stefano-0002';
const laura = { email: uniqueEmail('laura'), memberId: '' };
const WAIT_MS = 60_000;

describe('a loyalty enrolment reaches the graph', () => {
  it('when a member enrols a card, then the card is linked with her e-mail and name; the same event again changes nothing', async () => {
    const { reconciliation: recon, tenantId } = platform;
    laura.memberId = (
      await platform.loyalty!.trpc.members.enrol.mutate({
        tenantId,
        email: laura.email,
        name: 'Laura Moretti',
        cardNumbers: [familyCard],
        marketingConsent: { granted: false, source: 'till' },
      })
    ).memberId;
    const observationId = `enrolment:${tenantId}:${laura.memberId}`;
    const linked = await recon.waitLinked(observationId, WAIT_MS);
    const byCard = await recon.trpc.profiles.resolve.query({ tenantId, type: 'card', value: familyCard });
    const byEmail = await recon.trpc.profiles.resolve.query({ tenantId, type: 'email', value: laura.email });
    expect(byCard?.profileId).toBe(linked.profileId);
    expect(byEmail?.profileId).toBe(linked.profileId);
    const view = await recon.staff.profiles.get.query({ tenantId, profileId: linked.profileId! });
    expect(view.golden.name).toMatchObject({ initials: 'L. M.', source: 'identify' });

    // Delivered again (a redelivery under another job id): the observation's id is taken, nothing changes.
    const inbox = recon.queues.queue(inboxQueueName('reconciliation-service'));
    const event = (await inbox.getJob(`${laura.memberId}.enrolled`))?.data as EventOf<'member.enrolled'>;
    await (await inbox.add({ ...event, id: `${event.id}.again` }, { jobId: `${event.id}.again` })).finished();
    const again = await recon.staff.profiles.get.query({ tenantId, profileId: linked.profileId! });
    expect(again.timeline.filter((entry) => entry.observationId === observationId)).toHaveLength(1);
    expect(again.identifiers.map((i) => i.type).sort()).toEqual(['card', 'email']);
  }, 120_000);

  it('when another member shows the enrolled family card with his own phone and orders online under his own name, then the two are a household, not one person', async () => {
    const { reconciliation: recon, tenantId } = platform;
    const laurasProfile = (await recon.trpc.profiles.resolve.query({
      tenantId,
      type: 'email',
      value: laura.email,
    }))!.profileId;
    const sale = await platform.tillSale({
      loyaltyCardNumber: familyCard,
      phone: stefanoPhone,
      paymentFingerprint: stefanoPayment,
    });
    await recon.waitLinked(`txn:${sale.transactionId}`, WAIT_MS);
    const order = await recon.postOrder({
      tenantId,
      shopId: 'web-it',
      orderId: 'W-ENROL-1',
      channel: 'web',
      placedAt: new Date().toISOString(),
      currency: 'EUR',
      total: 4900,
      customer: { phone: stefanoPhone, country: 'IT', name: 'Stefano Rinaldi' },
      lines: [{ sku: 'BELT-1', quantity: 1, total: 4900 }],
    });
    expect(order.status).toBe(202);
    await recon.waitLinked(`order:${tenantId}:web-it:W-ENROL-1`, WAIT_MS);

    const byCard = await recon.trpc.profiles.resolve.query({ tenantId, type: 'card', value: familyCard });
    const stefano = await recon.trpc.profiles.resolve.query({ tenantId, type: 'phone', value: stefanoPhone });
    expect(byCard?.profileId).toBe(laurasProfile);
    expect(stefano?.profileId).not.toBe(laurasProfile);
    const lauraView = await recon.staff.profiles.get.query({ tenantId, profileId: laurasProfile });
    const stefanoView = await recon.staff.profiles.get.query({ tenantId, profileId: stefano!.profileId });
    expect(lauraView.household?.householdId).toBeDefined();
    expect(stefanoView.household?.householdId).toBe(lauraView.household?.householdId);
    expect(lauraView.identifiers.map((i) => i.type).sort()).toEqual(['card', 'email']);
  }, 120_000);
});
