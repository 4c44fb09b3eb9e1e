import type { SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';
import type { Member } from '../store/members.js';
import { earnOnSale } from './earn-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { reverseReturn } from './reverse-return.js';

/**
 * Credits a recorded sale to its member under the program version in force when it happened:
 * pending for the return window, one earn per sale (`earn:<saleId>`) however many times its event
 * or a claim bring it. A return reverses instead. Null when no member made the sale (or no program
 * exists yet).
 *
 * A sale that named a card at the till tells its receipt what came of it (`sale.credited`), in the
 * same insert as what it changed: the earn entry, or the archived sale when nobody earned. A claim
 * (`options.member`) tells nobody: its receipt has gone out already. The inbox credits its sales
 * in batches ({@link creditSales}), with the same outcomes.
 */
export async function creditSale(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
  options: { member?: Member; via?: 'card' | 'claim' } = {},
): Promise<SaleCredit | null> {
  if (sale.type === 'return') {
    await deps.sales.record(sale);
    return reverseReturn(deps, sale);
  }
  return earnOnSale(deps, sale, options);
}
