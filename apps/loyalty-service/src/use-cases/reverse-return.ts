import type { SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';
import { AppError } from '@scontrino/trpc';
import { earnKey } from '../domain/ledger/earn.js';
import { linesToReverse, priorReversalsOf, reverseEntry } from '../domain/ledger/reversal.js';
import { creditOf, creditSale } from './credit-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { upkeep } from './member-upkeep.js';

/**
 * Takes back the points of the returned lines from whoever holds the sale's batch now (a merge
 * may have moved it), exactly in proportion, once per return (`reverse:<returnId>`). A return of a
 * sale no member earned on changes nothing.
 */
export async function reverseReturn(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
): Promise<SaleCredit | null> {
  if (!sale.original) return null;
  let earn = await deps.store.ledger.byBusinessKey(earnKey(sale.original.id));
  if (!earn) {
    // Events may arrive out of order: credit the original sale first if it is known and had a member.
    const original = await deps.sales.get(sale.original.id);
    if (!original)
      throw new AppError(
        'return.original_unknown',
        `the sale ${sale.original.id} has not reached loyalty yet`,
        {
          kind: 'unavailable',
          retryable: true,
        },
      );
    if (original.type === 'sale' && (await creditSale(deps, original)) !== null)
      earn = await deps.store.ledger.byBusinessKey(earnKey(sale.original.id));
  }
  if (earn?.kind !== 'earn') return null;
  const holder = await deps.store.members.resolve(earn.memberId);
  if (!holder) return null;
  const program = await deps.programs.inForceAt(sale.tenantId, earn.sale.occurredAt);
  const policy = program?.config.ledger.spentPointsOnReturn ?? 'recover';
  const earned = earn;

  const result = await deps.store.ledger.append(holder.id, (state, context) => {
    const lines = linesToReverse(
      earned.lines,
      sale.lines.map((line) => ({
        lineId: line.lineId,
        originalLineId: line.originalLineId,
        quantity: line.quantity,
        total: line.total,
      })),
      priorReversalsOf(state.batches.get(earned.id)),
    );
    if (lines.length === 0) return null;
    return reverseEntry(state, {
      now: context.now,
      batchId: earned.id,
      returnSale: {
        id: sale.id,
        transactionId: sale.transactionId,
        originalSaleId: earned.sale.id,
        originalTransactionId: earned.sale.transactionId,
      },
      lines,
      policy,
    });
  });
  const known = result.status === 'written' ? { member: holder, state: result.state } : undefined;
  const settled = await upkeep(deps, holder.id, known);
  return creditOf(holder.id, settled.state, settled.tier, 0, deps.clock());
}
