import type { ReceiptClaimedPayload } from '@scontrino/contracts';
import { AppError } from '@scontrino/trpc';
import { addDays } from '../domain/ledger/expiry.js';
import { creditSale } from './credit-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

export type ClaimOutcome = 'credited' | 'not_a_member' | 'too_late' | 'not_a_sale' | 'no_program';

/**
 * A receipt claimed with a member's email within the program's retro window earns that sale's
 * points once, under the same business key as a card at the till (so a sale credited by card is
 * not credited again).
 */
export async function creditClaim(deps: LoyaltyDeps, claim: ReceiptClaimedPayload): Promise<ClaimOutcome> {
  const memberId = await deps.store.members.findByKey(claim.tenantId, 'email', claim.email.hash);
  const member = memberId ? await deps.store.members.resolve(memberId) : null;
  if (!member || member.erasedAt !== null) return 'not_a_member';
  const sale = await deps.sales.get(claim.id);
  if (!sale)
    throw new AppError('claim.sale_unknown', `the sale ${claim.id} has not reached loyalty yet`, {
      kind: 'unavailable',
      retryable: true,
    });
  if (sale.type !== 'sale') return 'not_a_sale';
  const occurredAt = new Date(sale.occurredAt);
  const program = await deps.programs.inForceAt(sale.tenantId, occurredAt);
  if (!program) return 'no_program';
  if (new Date(claim.claimedAt) > addDays(occurredAt, program.config.ledger.retroClaimDays))
    return 'too_late';
  await creditSale(deps, sale, { member, via: 'claim' });
  return 'credited';
}
