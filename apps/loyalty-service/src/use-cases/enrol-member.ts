import { SEALED_NAME_CONTEXT, sealedIdentifierContext } from '@scontrino/contracts';
import { AppError } from '@scontrino/errors';
import { memberEnrolledEvent } from '../domain/events/member-enrolled.js';
import { type ConsentSource, initialConsent } from '../domain/members/consent.js';
import { newId } from '../domain/ids.js';
import { MEMBER_EMAIL_CONTEXT, MEMBER_NAME_CONTEXT } from '../store/loyalty-crypto.js';
import type { Member } from '../store/members.js';
import { creditEarlyClaims } from './credit-claim.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { refreshTier } from './member-upkeep.js';

export interface Enrolment {
  tenantId: string;
  email: string;
  name?: string | undefined;
  cardNumbers: string[];
  /**
   * As the caller recorded it. `needsProof`: the address is not proven yet (typed into the app),
   * so a grant stays pending until the e-mailed code is used.
   */
  marketingConsent: { granted: boolean; source: ConsentSource; needsProof?: boolean };
  profileId?: string | undefined;
}

function invalidCard(index: number): AppError {
  return new AppError('member.invalid_card', 'Not a card number', {
    kind: 'invalid',
    issues: [
      { path: `cardNumbers[${index}]`, code: 'invalid_card', message: 'a card number is 4 to 32 digits' },
    ],
  });
}

/**
 * Enrols a member with consent recorded; a card or email already enrolled in the tenant is refused.
 * Receipts claimed with the address before joining earn their points now (within the retro window).
 */
export async function enrolMember(deps: LoyaltyDeps, input: Enrolment): Promise<Member> {
  const { cipher } = deps.crypto;
  const email = deps.crypto.email(input.email);
  if (!email)
    throw new AppError('member.invalid_email', 'Not an email address', {
      kind: 'invalid',
      issues: [{ path: 'email', code: 'invalid_email', message: 'not an email address' }],
    });
  const now = deps.clock();
  const cards = input.cardNumbers.map((number, index) => {
    const card = deps.crypto.card(number);
    if (!card) throw invalidCard(index);
    return { ...card, addedAt: now };
  });
  const id = newId('mbr');
  const name = input.name?.trim() || null;
  // The program's record of the cards, for the reconciliation service: sealed as every event is.
  const enrolled = memberEnrolledEvent(
    {
      tenantId: input.tenantId,
      memberId: id,
      addedCard: null,
      cards: cards.map((card) => sealedCard(deps, card)),
      email: { hash: email.hash, sealed: cipher.encrypt(email.normalised, sealedIdentifierContext('email')) },
      name: name ? { sealed: cipher.encrypt(name, SEALED_NAME_CONTEXT) } : null,
    },
    now,
  );
  const result = await deps.store.members.enrol(
    {
      id,
      tenantId: input.tenantId,
      email: { encrypted: cipher.encrypt(email.normalised, MEMBER_EMAIL_CONTEXT), hash: email.hash },
      name: input.name ? cipher.encrypt(input.name, MEMBER_NAME_CONTEXT) : null,
      cards,
      profileId: input.profileId ?? null,
      consent: [
        initialConsent(
          { ...input.marketingConsent, needsProof: input.marketingConsent.needsProof ?? false },
          now,
        ),
      ],
      tierHistory: [],
      enrolledAt: now,
    },
    // An enrolment without a card tells nothing about cards: nothing to publish.
    async () => (cards.length > 0 ? deps.store.enrolments.record(enrolled) : null),
  );
  if (result.status === 'taken') {
    const path = result.type === 'email' ? 'email' : `cardNumbers[${result.index}]`;
    throw new AppError(`member.${result.type}_taken`, `This ${result.type} belongs to another member`, {
      kind: 'conflict',
      issues: [{ path, code: `${result.type}_taken`, message: `already enrolled` }],
    });
  }
  const member = await deps.store.members.get(id);
  if (!member) throw new Error(`member ${id} vanished after enrolment`);
  await creditEarlyClaims(deps, member, email.hash);
  await refreshTier(deps, member, await deps.store.ledger.stateOf(id));
  return (await deps.store.members.get(id)) ?? member;
}

/** Adds a card to a member: refused when another member of the tenant holds it. */
export async function addCard(
  deps: LoyaltyDeps,
  input: { memberId: string; cardNumber: string },
): Promise<Member> {
  const member = await deps.store.members.get(input.memberId);
  if (!member || member.erasedAt !== null)
    throw new AppError('member.not_found', `No member ${input.memberId}`, { kind: 'not_found' });
  const card = deps.crypto.card(input.cardNumber);
  if (!card)
    throw new AppError('member.invalid_card', 'Not a card number', {
      kind: 'invalid',
      issues: [{ path: 'cardNumber', code: 'invalid_card', message: 'a card number is 4 to 32 digits' }],
    });
  const outcome = await deps.store.members.addCard(member.id, member.tenantId, {
    ...card,
    addedAt: deps.clock(),
  });
  if (outcome === 'taken')
    throw new AppError('member.card_taken', 'This card belongs to another member', {
      kind: 'conflict',
      issues: [{ path: 'cardNumber', code: 'card_taken', message: 'already enrolled' }],
    });
  // Also when the member already held it: a retry after a stop between the two writes tells it
  // then (the event's id, by the card's place among the member's cards, makes it a duplicate).
  const holder = (await deps.store.members.get(member.id)) ?? member;
  const position = holder.cards.findIndex((held) => held.hash === card.hash) + 1;
  await deps.store.enrolments.record(
    memberEnrolledEvent(
      {
        tenantId: member.tenantId,
        memberId: member.id,
        addedCard: position,
        cards: [sealedCard(deps, card)],
        email: member.email
          ? {
              hash: member.email.hash,
              sealed: deps.crypto.cipher.encrypt(
                deps.crypto.openEmail(member.email.encrypted),
                sealedIdentifierContext('email'),
              ),
            }
          : null,
        name: member.name
          ? { sealed: deps.crypto.cipher.encrypt(deps.crypto.openName(member.name), SEALED_NAME_CONTEXT) }
          : null,
      },
      deps.clock(),
    ),
  );
  return holder;
}

/** A card as events carry it: its look-up hash, its normalised number sealed for events. */
function sealedCard(deps: LoyaltyDeps, card: { hash: string; encrypted: string }) {
  const number = deps.crypto.openCard(card.encrypted);
  return { hash: card.hash, sealed: deps.crypto.cipher.encrypt(number, sealedIdentifierContext('card')) };
}
