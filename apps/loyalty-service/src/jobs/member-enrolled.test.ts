import { SEALED_NAME_CONTEXT, sealedIdentifierContext, type EventOf } from '@scontrino/contracts';
import { inboxQueueName } from '@scontrino/queue';
import { uniqueEmail } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberEnrolmentModel } from '../store/member-enrolments.js';
import { eventually, testClock } from '../test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';

const TENANT = 'moda-rossi';
const FAMILY_CARD = '2900000000200';
const OWN_CARD = '2900000000217';
const LATER_CARD = '2900000000224';
const clock = testClock('2026-11-24T10:00:00Z');
let service: TestLoyaltyService;

/** What reached the reconciliation service's inbox under this event id (the dispatcher sends it shortly). */
async function toldReconciliation(eventId: string): Promise<EventOf<'member.enrolled'>> {
  const inbox = service.queues.queue(inboxQueueName('reconciliation-service'));
  return eventually(
    async () => (await inbox.getJob(eventId))?.data as EventOf<'member.enrolled'> | undefined,
    `member.enrolled ${eventId}`,
  );
}

const open = (type: 'card' | 'email', sealed: string) =>
  service.loyalty.crypto.cipher.decrypt(sealed, sealedIdentifierContext(type));
const hashOf = (number: string) => service.loyalty.crypto.card(number)?.hash;

beforeAll(async () => {
  service = await startTestLoyaltyService({ clock: clock.now });
});
afterAll(() => service?.close());

describe('loyalty tells the reconciliation service who holds each card', () => {
  it('when a member enrols with two cards, then member.enrolled carries both cards with their e-mail and name, sealed, once', async () => {
    const email = uniqueEmail('enrolled');
    const { memberId } = await service.trpc.members.enrol.mutate({
      tenantId: TENANT,
      email,
      name: 'Laura Moretti',
      cardNumbers: [FAMILY_CARD, OWN_CARD],
      marketingConsent: { granted: false, source: 'till' },
    });
    const event = await toldReconciliation(`${memberId}.enrolled`);
    expect(event.type).toBe('member.enrolled');
    const { payload } = event;
    expect(payload).toMatchObject({ tenantId: TENANT, memberId, sourceId: memberId });
    expect(payload.cards.map((card) => [card.hash, open('card', card.sealed)])).toEqual([
      [hashOf(FAMILY_CARD), FAMILY_CARD],
      [hashOf(OWN_CARD), OWN_CARD],
    ]);
    expect(payload.contacts.map((contact) => [contact.type, open('email', contact.sealed)])).toEqual([
      ['email', email.toLowerCase()],
    ]);
    expect(service.loyalty.crypto.cipher.decrypt(payload.name?.sealed ?? '', SEALED_NAME_CONTEXT)).toBe(
      'Laura Moretti',
    );
    // Nothing personal travels in clear.
    const wire = JSON.stringify(event);
    for (const clear of [FAMILY_CARD, OWN_CARD, email, 'Moretti']) expect(wire).not.toContain(clear);

    // Sent, the outbox is empty; the same fact recorded again (a replay) is a duplicate and sends nothing.
    const Enrolments = memberEnrolmentModel(service.database);
    await eventually(
      async () => ((await Enrolments.findById(event.id).lean())?.outboxPending === false ? true : undefined),
      'outbox emptied',
    );
    expect(await service.loyalty.store.enrolments.record(event)).toBe('duplicate');
    expect(await Enrolments.findById(event.id).lean()).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('when a card is added to a member, then member.enrolled names that card with the member; adding it again tells nothing new', async () => {
    const email = uniqueEmail('added');
    const { memberId } = await service.trpc.members.enrol.mutate({
      tenantId: TENANT,
      email,
      cardNumbers: ['2900000000231'],
      marketingConsent: { granted: false, source: 'till' },
    });
    await service.trpc.members.addCard.mutate({ memberId, cardNumber: LATER_CARD });
    const eventId = `${memberId}.card.2`;
    const event = await toldReconciliation(eventId);
    expect(event.payload).toMatchObject({ memberId, sourceId: eventId, name: null });
    expect(event.payload.cards.map((card) => open('card', card.sealed))).toEqual([LATER_CARD]);
    expect(event.payload.contacts.map((contact) => open('email', contact.sealed))).toEqual([
      email.toLowerCase(),
    ]);

    await service.trpc.members.addCard.mutate({ memberId, cardNumber: LATER_CARD });
    const Enrolments = memberEnrolmentModel(service.database);
    expect(await Enrolments.countDocuments({ memberId })).toBe(2);
  });

  it('when an enrolment is refused (the card is taken) or names no card, then nothing is told', async () => {
    const email = uniqueEmail('refused');
    await expect(
      service.trpc.members.enrol.mutate({
        tenantId: TENANT,
        email,
        cardNumbers: [FAMILY_CARD],
        marketingConsent: { granted: false, source: 'till' },
      }),
    ).rejects.toThrow(/belongs to another member/);
    await service.trpc.members.enrol.mutate({
      tenantId: TENANT,
      email: uniqueEmail('cardless'),
      marketingConsent: { granted: false, source: 'till' },
    });
    const Enrolments = memberEnrolmentModel(service.database);
    expect(await Enrolments.countDocuments({ tenantId: TENANT })).toBe(3);
  });
});
