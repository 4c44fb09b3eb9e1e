import type { CustomerErasedPayload } from '@scontrino/contracts';
import type { LoyaltyDeps } from './loyalty-deps.js';

/**
 * `customer.erased`: the members of the erased person lose every personal value (email, name,
 * cards, consent) and the keys that found them; their ids and ledger numbers stay, since the
 * retailer's accounts of points given and spent must still add up.
 */
export async function eraseMembers(deps: LoyaltyDeps, erasure: CustomerErasedPayload): Promise<string[]> {
  const ids = new Set<string>();
  for (const identifier of erasure.identifiers) {
    if (identifier.type !== 'card' && identifier.type !== 'email') continue;
    const memberId = await deps.store.members.findByKey(erasure.tenantId, identifier.type, identifier.hash);
    if (memberId) ids.add(memberId);
    if (identifier.type === 'email') {
      await deps.store.signInCodes.forget(erasure.tenantId, identifier.hash);
      await deps.store.earlyClaims.forget(erasure.tenantId, [identifier.hash]);
    }
  }
  for (const member of await deps.store.members.withProfiles(erasure.tenantId, [erasure.profileId]))
    ids.add(member.id);
  for (const memberId of ids) await deps.store.members.anonymise(memberId, deps.clock());
  return [...ids];
}
