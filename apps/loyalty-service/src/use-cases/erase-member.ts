import type { CustomerErasedPayload } from '@scontrino/contracts';
import type { LoyaltyDeps } from './loyalty-deps.js';

/** What one erasure changed in the loyalty service, per collection. */
export interface LoyaltyErasureCounts {
  /** Members anonymised: id and ledger kept, nothing personal. */
  members: number;
  /** Card and email keys that found them, deleted. */
  memberKeys: number;
  /** Sales archive copies that named them, their identifiers removed (amounts kept). */
  sales: number;
  /** Receipts claimed before joining, kept for a late credit, deleted. */
  earlyClaims: number;
  /** Records of their enrolments and cards added (`member.enrolled`), deleted, sent or not. */
  enrolments: number;
}

/**
 * `customer.erased`: the members of the erased person lose every personal value (email, name,
 * cards, consent) and the keys that found them; their ids and ledger numbers stay, since the
 * retailer's accounts of points given and spent must still add up. The sales archive forgets the
 * person's identifiers. Its counts are recorded for the erasure report (a replay adds zeros).
 */
export async function eraseMembers(
  deps: LoyaltyDeps,
  erasure: CustomerErasedPayload,
): Promise<LoyaltyErasureCounts> {
  const { tenantId } = erasure;
  const counts: LoyaltyErasureCounts = {
    members: 0,
    memberKeys: 0,
    sales: 0,
    earlyClaims: 0,
    enrolments: 0,
  };
  const ids = new Set<string>();
  const emailHashes: string[] = [];
  for (const identifier of erasure.identifiers) {
    if (identifier.type !== 'card' && identifier.type !== 'email') continue;
    const memberId = await deps.store.members.findByKey(tenantId, identifier.type, identifier.hash);
    if (memberId) ids.add(memberId);
    if (identifier.type === 'email') {
      emailHashes.push(identifier.hash);
      await deps.store.signInCodes.forget(tenantId, identifier.hash);
    }
  }
  counts.earlyClaims = await deps.store.earlyClaims.forget(tenantId, emailHashes);
  for (const member of await deps.store.members.withProfiles(tenantId, [erasure.profileId]))
    ids.add(member.id);
  const at = deps.clock();
  for (const memberId of ids) {
    const member = await deps.store.members.get(memberId);
    if (!member || member.erasedAt !== null) continue;
    const { keys } = await deps.store.members.anonymise(memberId, at);
    // Its enrolments' documents hold nothing personal once sent; one not sent yet would.
    counts.enrolments += await deps.store.enrolments.forget(memberId);
    counts.members += 1;
    counts.memberKeys += keys;
  }
  counts.sales = await deps.sales.forgetIdentifiers(
    tenantId,
    erasure.identifiers.map((identifier) => identifier.hash),
  );
  await deps.store.erasures.add(erasure, { ...counts }, { at, complete: true });
  return counts;
}
