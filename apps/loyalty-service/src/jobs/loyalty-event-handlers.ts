import { parseEventPayload } from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import { creditClaim } from '../use-cases/credit-claim.js';
import { creditSale } from '../use-cases/credit-sale.js';
import { eraseMembers } from '../use-cases/erase-member.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { mergeMembers, unmergeMembers } from '../use-cases/merge-members.js';

/**
 * What the loyalty service does with the events it subscribes to. Each handler is idempotent by
 * its ledger business keys (`earn:<saleId>`, `reverse:<returnId>`, `transfer:<mergeId>:<member>`),
 * so a replayed event changes nothing.
 */
export function loyaltyEventHandlers(deps: LoyaltyDeps): EventHandlers {
  return {
    'transaction.recorded': async (event, { logger }) => {
      const sale = parseEventPayload('transaction.recorded', event.payload);
      const credit = await creditSale(deps, sale);
      if (credit)
        logger.info(
          { memberId: credit.memberId, points: credit.pointsEarned, saleId: sale.id },
          'sale credited',
        );
    },
    'receipt.claimed': async (event, { logger }) => {
      const claim = parseEventPayload('receipt.claimed', event.payload);
      const outcome = await creditClaim(deps, {
        receiptId: claim.receiptId,
        tenantId: claim.tenantId,
        emailHash: claim.email.hash,
        saleId: claim.id,
        claimedAt: new Date(claim.claimedAt),
      });
      logger.info({ saleId: claim.id, outcome }, 'claimed receipt');
    },
    'profiles.merged': async (event) => {
      await mergeMembers(deps, parseEventPayload('profiles.merged', event.payload));
    },
    'profiles.unmerged': async (event) => {
      await unmergeMembers(deps, parseEventPayload('profiles.unmerged', event.payload));
    },
    'customer.erased': async (event, { logger }) => {
      const counts = await eraseMembers(deps, parseEventPayload('customer.erased', event.payload));
      logger.info(counts, 'customer erased from loyalty');
    },
  };
}
