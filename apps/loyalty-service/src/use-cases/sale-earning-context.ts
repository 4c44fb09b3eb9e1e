import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { earningContextOf } from '../domain/ledger/earning-context.js';
import type { MemberEarningContext } from '../domain/program/earning-contract.js';
import { tierAt } from '../domain/tiers/tier-timeline.js';
import { memberOfSale } from './earn-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { historyOf } from './member-upkeep.js';

/**
 * The member context a sale is earned with (the program's dry run asks for it): the member of the
 * sale's card, its tier at the time and its earnings before the sale. Null when no member made it.
 */
export async function saleEarningContext(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
): Promise<MemberEarningContext | null> {
  const member = await memberOfSale(deps, sale);
  if (!member) return null;
  const saleAt = new Date(sale.occurredAt);
  const program = await deps.programs.inForceAt(sale.tenantId, saleAt);
  if (!program) return null;
  const firstTier = program.config.tiers.levels[0]?.code;
  return earningContextOf(await deps.store.ledger.stateOf(member.id), {
    memberId: member.id,
    program: program.config,
    tierCode: firstTier ? tierAt(historyOf(member, firstTier), saleAt) : null,
    saleAt,
    saleId: sale.id,
  });
}
