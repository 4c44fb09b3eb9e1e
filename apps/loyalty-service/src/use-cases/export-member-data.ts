import {
  type IdentifierRef,
  sealedIdentifierContext,
  type TransactionRecordedPayload,
} from '@scontrino/contracts';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import { MEMBER_CARD_CONTEXT, MEMBER_EMAIL_CONTEXT, MEMBER_NAME_CONTEXT } from '../store/loyalty-crypto.js';
import type { Member } from '../store/members.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

/** Whom a data-subject request is about, as the reconciliation service knows them: keys, no values. */
export interface DataSubject {
  tenantId: string;
  profileId: string | null;
  identifiers: readonly IdentifierRef[];
}

/** Everything the loyalty service holds about one person, decrypted for their archive. */
export interface LoyaltySubjectExport {
  members: {
    memberId: string;
    email: string | null;
    name: string | null;
    cards: { number: string; masked: string; addedAt: Date }[];
    profileId: string | null;
    consentHistory: Member['consent'];
    tierHistory: Member['tierHistory'];
    mergedInto: string | null;
    enrolledAt: Date;
    erasedAt: Date | null;
    ledger: LedgerEntry[];
    redemptions: LedgerEntry[];
  }[];
  sales: TransactionRecordedPayload[];
}

const redemptionKinds = new Set(['hold', 'release', 'redeem']);

/** The members found by the person's card and email keys or their profile, with ledger and sales. */
export async function exportMemberData(
  deps: LoyaltyDeps,
  subject: DataSubject,
): Promise<LoyaltySubjectExport> {
  const { store, crypto } = deps;
  const ids = new Set<string>();
  for (const { type, hash } of subject.identifiers) {
    if (type !== 'card' && type !== 'email') continue;
    const memberId = await store.members.findByKey(subject.tenantId, type, hash);
    if (memberId) ids.add(memberId);
  }
  if (subject.profileId)
    for (const member of await store.members.withProfiles(subject.tenantId, [subject.profileId]))
      ids.add(member.id);

  const hashes = new Set(subject.identifiers.map((identifier) => identifier.hash));
  const saleIds = new Set<string>();
  const members: LoyaltySubjectExport['members'] = [];
  for (const memberId of [...ids].sort()) {
    const member = await store.members.get(memberId);
    if (!member || member.tenantId !== subject.tenantId) continue;
    const ledger = await store.ledger.entriesOf(memberId);
    for (const entry of ledger) if (entry.kind === 'earn') saleIds.add(entry.sale.id);
    members.push({
      memberId,
      email: member.email ? crypto.cipher.decrypt(member.email.encrypted, MEMBER_EMAIL_CONTEXT) : null,
      name: member.name ? crypto.cipher.decrypt(member.name, MEMBER_NAME_CONTEXT) : null,
      cards: member.cards.map((card) => ({
        number: crypto.cipher.decrypt(card.encrypted, MEMBER_CARD_CONTEXT),
        masked: card.masked,
        addedAt: card.addedAt,
      })),
      profileId: member.profileId,
      consentHistory: member.consent,
      tierHistory: member.tierHistory,
      mergedInto: member.mergedInto?.memberId ?? null,
      enrolledAt: member.enrolledAt,
      erasedAt: member.erasedAt,
      ledger,
      redemptions: ledger.filter((entry) => redemptionKinds.has(entry.kind)),
    });
  }

  const sales = new Map<string, TransactionRecordedPayload>();
  for (const sale of await deps.sales.naming(subject.tenantId, [...hashes])) sales.set(sale.id, sale);
  for (const id of saleIds) {
    if (sales.has(id)) continue;
    const sale = await deps.sales.get(id);
    if (sale) sales.set(id, sale);
  }
  return {
    members,
    // Identifiers of other people seen on the same sale are not theirs to read.
    sales: [...sales.values()].map((sale) => ({
      ...sale,
      identifiers: sale.identifiers.map((identifier) =>
        hashes.has(identifier.hash)
          ? {
              ...identifier,
              sealed: crypto.cipher.decrypt(identifier.sealed, sealedIdentifierContext(identifier.type)),
            }
          : { ...identifier, sealed: '' },
      ),
    })),
  };
}
