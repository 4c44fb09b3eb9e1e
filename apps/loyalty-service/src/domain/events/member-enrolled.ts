import type { EventOf, MemberEnrolledPayload } from '@scontrino/contracts';

export const MEMBER_ENROLLED_VERSION = 1;

/** A value of the member as the event carries it: the shared look-up hash and the sealed value. */
type Sealed = { hash: string; sealed: string };

/**
 * `member.enrolled` (schema in contracts): the program's record that this member holds these
 * cards, with their e-mail (and phone, had the program one) and name. At enrolment the event id is
 * `<memberId>.enrolled` and it names every card enrolled; a card added later has its own,
 * `<memberId>.card.<n>` (its position among the member's cards, which are only ever appended),
 * naming that card. One fact, one id: recorded twice, sent once. No hash in an id: an erasure
 * deletes the documents, and nothing else should keep a card's hash.
 */
export function memberEnrolledEvent(
  fact: {
    tenantId: string;
    memberId: string;
    /** Null at enrolment; when a card is added later, its position among the member's cards (1, 2…). */
    addedCard: number | null;
    cards: readonly Sealed[];
    email: Sealed | null;
    name: { sealed: string } | null;
  },
  at: Date,
): EventOf<'member.enrolled'> {
  const sourceId = fact.addedCard === null ? fact.memberId : `${fact.memberId}.card.${fact.addedCard}`;
  const payload: MemberEnrolledPayload = {
    tenantId: fact.tenantId,
    memberId: fact.memberId,
    sourceId,
    enrolledAt: at.toISOString(),
    cards: fact.cards.map((card) => ({ type: 'card', ...card })),
    contacts: fact.email ? [{ type: 'email', ...fact.email }] : [],
    name: fact.name,
  };
  return {
    id: fact.addedCard === null ? `${fact.memberId}.enrolled` : sourceId,
    type: 'member.enrolled',
    version: MEMBER_ENROLLED_VERSION,
    occurredAt: at.toISOString(),
    payload,
  };
}
