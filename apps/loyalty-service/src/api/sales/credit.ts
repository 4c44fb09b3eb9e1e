import { saleCreditSchema, transactionRecordedPayloadSchema } from '@scontrino/contracts';
import { serviceProcedure } from '@scontrino/trpc';
import { creditSale } from '../../use-cases/credit-sale.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';

/**
 * `sales.credit`: the receipt service hands over a recorded sale to print the loyalty block. It
 * credits exactly as the `transaction.recorded` event does, under the same business key, so
 * whichever arrives first credits and the other changes nothing.
 */
export function creditSaleProcedure(deps: LoyaltyDeps) {
  return serviceProcedure
    .input(transactionRecordedPayloadSchema)
    .output(saleCreditSchema)
    .mutation(({ input }) => creditSale(deps, input));
}
