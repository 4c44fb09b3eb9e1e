import { currentMarketingConsent } from '../domain/members/consent.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

export interface IdentifierConsent {
  type: 'card' | 'email';
  hash: string;
  /** The marketing e-mail consent in force of the member holding it; null: no member, or never asked. */
  marketingEmail: boolean | null;
}

/**
 * The marketing consent in force behind each card or e-mail hash (a segment export asks for a
 * page of customers at once): one indexed look-up per identifier, after merges; erased members
 * and other brands' count as no member. Only e-mail marketing is recorded by the program.
 */
export async function marketingConsentsOf(
  deps: Pick<LoyaltyDeps, 'store'>,
  tenantId: string,
  identifiers: readonly { type: 'card' | 'email'; hash: string }[],
): Promise<IdentifierConsent[]> {
  const answers: IdentifierConsent[] = [];
  for (const { type, hash } of identifiers) {
    const memberId = await deps.store.members.findByKey(tenantId, type, hash);
    const member = memberId ? await deps.store.members.resolve(memberId) : null;
    const live = member && member.tenantId === tenantId && member.erasedAt === null ? member : null;
    answers.push({ type, hash, marketingEmail: live ? currentMarketingConsent(live.consent) : null });
  }
  return answers;
}
