import { type Balance, balanceAt } from '../domain/ledger/balance.js';
import type { Member } from '../store/members.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

export interface CustomerMembership {
  member: Member;
  balance: Balance;
}

/**
 * The members holding any of a customer's cards or e-mail addresses (look-up hashes, as the
 * reconciliation service lists a profile's identifiers), each after its merges, once, with the
 * balance now: what the back office's customer view shows of the loyalty program. One indexed
 * look-up per identifier; erased members are left out.
 */
export async function membersOfCustomer(
  deps: LoyaltyDeps,
  tenantId: string,
  identifiers: readonly { type: 'card' | 'email'; hash: string }[],
): Promise<CustomerMembership[]> {
  const found = new Map<string, Member>();
  for (const { type, hash } of identifiers) {
    const memberId = await deps.store.members.findByKey(tenantId, type, hash);
    const member = memberId ? await deps.store.members.resolve(memberId) : null;
    if (member && member.tenantId === tenantId && member.erasedAt === null) found.set(member.id, member);
  }
  return Promise.all(
    [...found.values()].map(async (member) => ({
      member,
      balance: balanceAt(await deps.store.ledger.stateOf(member.id), deps.clock()),
    })),
  );
}
