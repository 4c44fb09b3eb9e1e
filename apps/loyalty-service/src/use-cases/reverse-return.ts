import type { SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';
import { AppError } from '@scontrino/errors';
import { earnKey } from '../domain/ledger/earn.js';
import { linesToReverse, priorReversalsOf, reverseEntry } from '../domain/ledger/reversal.js';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import type { AppendRequest, AppendResult } from '../store/ledger.js';
import type { Member } from '../store/members.js';
import { creditOf, earnOnSale } from './earn-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { upkeep } from './member-upkeep.js';

/** The reversal of a return against an earn entry: to whom it goes, and the ledger write. */
export interface Reversal {
  holder: Member;
  request: AppendRequest;
}

/**
 * The ledger write that takes back the returned lines' points from whoever holds the sale's batch
 * now (a merge may have moved it), exactly in proportion. Null when no member earned on the sale
 * (or its holder is gone).
 */
export async function reversalOf(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
  earned: LedgerEntry,
): Promise<Reversal | null> {
  if (earned.kind !== 'earn') return null;
  const holder = await deps.store.members.resolve(earned.memberId);
  if (!holder) return null;
  const program = await deps.programs.inForceAt(sale.tenantId, earned.sale.occurredAt);
  const policy = program?.config.ledger.spentPointsOnReturn ?? 'recover';
  return {
    holder,
    request: {
      memberId: holder.id,
      decide: (state, context) => {
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
      },
    },
  };
}

/** What came of a reversal's ledger write: the holder's ledger settled (activations, tier). */
export async function settleReversal(
  deps: LoyaltyDeps,
  holder: Member,
  result: AppendResult,
): Promise<SaleCredit> {
  // Reversed before (a redelivered return): settled then, or by the daily job if that was
  // interrupted, as a replayed earn is (`settleEarn`).
  if (result.status === 'replayed') return creditOf(holder.id, result.state, null, 0, deps.clock());
  const known = result.status === 'written' ? { member: holder, state: result.state } : undefined;
  const settled = await upkeep(deps, holder.id, known);
  return creditOf(holder.id, settled.state, settled.tier, 0, deps.clock());
}

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
    if (original.type === 'sale' && (await earnOnSale(deps, original)) !== null)
      earn = await deps.store.ledger.byBusinessKey(earnKey(sale.original.id));
  }
  const reversal = earn ? await reversalOf(deps, sale, earn) : null;
  if (!reversal) return null;
  const { holder, request } = reversal;
  return settleReversal(deps, holder, await deps.store.ledger.append(holder.id, request.decide, request));
}
