import { parseEventPayload } from '@scontrino/contracts';
import type { EventHandlers } from '@scontrino/queue';
import { creditClaim } from '../use-cases/credit-claim.js';
import { creditSales } from '../use-cases/credit-sales.js';
import { eraseMembers } from '../use-cases/erase-member.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { mergeMembers, unmergeMembers } from '../use-cases/merge-members.js';

/**
 * What the loyalty service does with the events it subscribes to. Each handler is idempotent by
 * its ledger business keys (`earn:<saleId>`, `reverse:<returnId>`, `transfer:<mergeId>:<member>`),
 * so a replayed event changes nothing. Sales and returns are handled in batches (`creditSales`).
 */
export function loyaltyEventHandlers(deps: LoyaltyDeps): EventHandlers {
  return {
    // In batches (the jobs running at once), told from replays by the archived copy of the sale.
    'transaction.recorded': {
      replays: 'handler',
      handleBatch: async (events, { loggerOf }) => {
        const parsed = events.map((event) => {
          try {
            return parseEventPayload('transaction.recorded', event.payload);
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        });
        const valid = events.flatMap((event, index) => {
          const sale = parsed[index];
          return sale instanceof Error || sale === undefined
            ? []
            : [{ sale, correlationId: event.correlationId ?? event.id }];
        });
        const credits = await creditSales(deps, valid);
        let next = 0;
        return events.map((event, index) => {
          const sale = parsed[index];
          if (sale instanceof Error || sale === undefined) return sale;
          const credit = credits[next++];
          if (credit instanceof Error) return credit;
          if (credit)
            loggerOf(event).info(
              { memberId: credit.memberId, points: credit.pointsEarned, saleId: sale.id },
              'sale credited',
            );
          else loggerOf(event).debug({ saleId: sale.id }, 'transaction handled');
          return undefined;
        });
      },
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
