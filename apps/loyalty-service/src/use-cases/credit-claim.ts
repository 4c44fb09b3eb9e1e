import { AppError } from '@scontrino/errors';
import { addDays } from '../domain/ledger/expiry.js';
import type { Member } from '../store/members.js';
import type { EarlyClaim } from '../store/early-claims.js';
import { creditSale } from './credit-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

export type ClaimOutcome = 'credited' | 'not_a_member' | 'too_late' | 'not_a_sale' | 'no_program';

/**
 * A receipt claimed with a member's email within the program's retro window earns that sale's
 * points once, under the same business key as a card at the till (so a sale credited by card is
 * not credited again). A claim with an address that is no member's yet is kept: joining within
 * the window still earns it ({@link creditEarlyClaims}).
 */
export async function creditClaim(deps: LoyaltyDeps, claim: EarlyClaim): Promise<ClaimOutcome> {
  const memberId = await deps.store.members.findByKey(claim.tenantId, 'email', claim.emailHash);
  const member = memberId ? await deps.store.members.resolve(memberId) : null;
  if (!member || member.erasedAt !== null) {
    await deps.store.earlyClaims.keep(claim);
    return 'not_a_member';
  }
  return creditClaimTo(deps, member, claim);
}

async function creditClaimTo(deps: LoyaltyDeps, member: Member, claim: EarlyClaim): Promise<ClaimOutcome> {
  const sale = await deps.sales.get(claim.saleId);
  if (!sale)
    throw new AppError('claim.sale_unknown', `the sale ${claim.saleId} has not reached loyalty yet`, {
      kind: 'unavailable',
      retryable: true,
    });
  if (sale.type !== 'sale') return 'not_a_sale';
  const occurredAt = new Date(sale.occurredAt);
  const program = await deps.programs.inForceAt(sale.tenantId, occurredAt);
  if (!program) return 'no_program';
  if (claim.claimedAt > addDays(occurredAt, program.config.ledger.retroClaimDays)) return 'too_late';
  await creditSale(deps, sale, { member, via: 'claim' });
  return 'credited';
}

/**
 * A new member's receipts claimed with their address before they joined: each earns its points
 * if the member joined within the program's retro window after the sale (judged at joining, as if
 * the claim had been made then). A claim that cannot be credited yet (its sale not archived) stays.
 */
export async function creditEarlyClaims(deps: LoyaltyDeps, member: Member, emailHash: string) {
  const joinedAt = deps.clock();
  const outcomes: ClaimOutcome[] = [];
  for (const claim of await deps.store.earlyClaims.ofAddress(member.tenantId, emailHash)) {
    const outcome = await creditClaimTo(deps, member, { ...claim, claimedAt: joinedAt }).catch(
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'claim.sale_unknown') return null;
        throw error;
      },
    );
    if (outcome === null) continue;
    await deps.store.earlyClaims.drop(claim.receiptId);
    outcomes.push(outcome);
  }
  return outcomes;
}
