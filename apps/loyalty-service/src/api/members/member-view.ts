import { maskIdentifier, maskName } from '@scontrino/identity';
import { z } from 'zod';
import { currentMarketingConsent, pendingMarketingConsent } from '../../domain/members/consent.js';
import type { LoyaltyCrypto } from '../../store/loyalty-crypto.js';
import type { Member } from '../../store/members.js';

export const tenantIdSchema = z.string().min(1).max(64);
export const memberIdSchema = z.string().regex(/^mbr_[a-z2-7]{26}$/, 'a member id (mbr_…)');

export const memberViewSchema = z.object({
  memberId: z.string(),
  tenantId: z.string(),
  /** In clear for services and staff holding `identity.reveal`; else masked (`m•••o@e•••.it`, `A. R.`). */
  email: z.string().nullable(),
  name: z.string().nullable(),
  /** Whether `email` and `name` are masked. */
  masked: z.boolean(),
  cards: z.array(z.object({ masked: z.string(), addedAt: z.iso.datetime() })),
  profileId: z.string().nullable(),
  /** The decision in force; a grant still waiting for the address's confirmation does not count. */
  marketingConsent: z.boolean().nullable(),
  /** A grant from the app waits for its e-mailed code to be used (double opt-in). */
  marketingConsentPending: z.boolean(),
  consentHistory: z.array(
    z.object({
      granted: z.boolean(),
      source: z.string(),
      at: z.iso.datetime(),
      pending: z.boolean(),
      /** How the address's owner confirmed a grant. */
      proof: z
        .object({ method: z.literal('email-code'), codeId: z.string(), codeSentAt: z.iso.datetime() })
        .nullable(),
    }),
  ),
  tier: z.string().nullable(),
  tierHistory: z.array(
    z.object({ from: z.string().nullable(), to: z.string(), at: z.iso.datetime(), reason: z.string() }),
  ),
  mergedInto: z.string().nullable(),
  enrolledAt: z.iso.datetime(),
  erased: z.boolean(),
});

/**
 * What staff and services see of a member: card numbers masked, e-mail and name decrypted, in
 * clear only when `clear` (see `mayReveal`: services, and staff holding `identity.reveal`).
 */
export function memberView(
  member: Member,
  crypto: LoyaltyCrypto,
  { clear }: { clear: boolean },
): z.infer<typeof memberViewSchema> {
  const email = member.email ? crypto.openEmail(member.email.encrypted) : null;
  const name = member.name ? crypto.openName(member.name) : null;
  return {
    memberId: member.id,
    tenantId: member.tenantId,
    email: email === null || clear ? email : maskIdentifier({ type: 'email', value: email }),
    name: name === null || clear ? name : maskName(name),
    masked: !clear,
    cards: member.cards.map((card) => ({ masked: card.masked, addedAt: card.addedAt.toISOString() })),
    profileId: member.profileId,
    marketingConsent: currentMarketingConsent(member.consent),
    marketingConsentPending: pendingMarketingConsent(member.consent) !== null,
    consentHistory: member.consent.map((change) => ({
      granted: change.granted,
      source: change.source,
      at: change.at.toISOString(),
      pending: change.pending === true,
      proof: change.proof
        ? {
            method: change.proof.method,
            codeId: change.proof.codeId,
            codeSentAt: change.proof.sentAt.toISOString(),
          }
        : null,
    })),
    tier: member.tierHistory.at(-1)?.to ?? null,
    tierHistory: member.tierHistory.map((change) => ({ ...change, at: change.at.toISOString() })),
    mergedInto: member.mergedInto?.memberId ?? null,
    enrolledAt: member.enrolledAt.toISOString(),
    erased: member.erasedAt !== null,
  };
}
