import type { SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';
import { balanceAt, type LedgerState } from '../domain/ledger/balance.js';
import { earnEntry } from '../domain/ledger/earn.js';
import { earningContextOf } from '../domain/ledger/earning-context.js';
import { batchDates } from '../domain/ledger/expiry.js';
import { evaluateEarn } from '../domain/program/earning.js';
import { tierAt } from '../domain/tiers/tier-timeline.js';
import type { Member } from '../store/members.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { historyOf, upkeep } from './member-upkeep.js';
import type { TierEvaluation } from '../domain/tiers/tier-timeline.js';
import { reverseReturn } from './reverse-return.js';

/** The member a till sale names by loyalty card (merged members lead to the survivor). */
export async function memberOfSale(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
): Promise<Member | null> {
  for (const identifier of sale.identifiers) {
    if (identifier.type !== 'card') continue;
    const memberId = await deps.store.members.findByKey(sale.tenantId, 'card', identifier.hash);
    const member = memberId ? await deps.store.members.resolve(memberId) : null;
    if (member && member.erasedAt === null) return member;
  }
  return null;
}

/** What the receipt prints in its loyalty block, and what `sales.credit` answers. */
export function creditOf(
  member: Member,
  settled: { state: LedgerState; tier: TierEvaluation | null },
  pointsEarned: number,
  now: Date,
): NonNullable<SaleCredit> {
  const balance = balanceAt(settled.state, now);
  return {
    memberId: member.id,
    pointsEarned,
    balance: balance.active,
    pending: balance.pending,
    tier: settled.tier?.tier.name ?? null,
  };
}

/**
 * Credits a recorded sale to its member under the program version in force when it happened:
 * pending for the return window, one earn per sale (`earn:<saleId>`) however many times the
 * event, `sales.credit` or a claim bring it. A return reverses instead. Null when no member made
 * the sale (or no program exists yet).
 */
export async function creditSale(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
  options: { member?: Member; via?: 'card' | 'claim' } = {},
): Promise<SaleCredit> {
  await deps.sales.record(sale);
  if (sale.type === 'return') return reverseReturn(deps, sale);
  const member = options.member ?? (await memberOfSale(deps, sale));
  if (!member) return null;
  const occurredAt = new Date(sale.occurredAt);
  const program = await deps.programs.inForceAt(sale.tenantId, occurredAt);
  if (!program) return creditOf(member, await upkeep(deps, member.id), 0, deps.clock());

  const result = await deps.store.ledger.append(member.id, (state, context) => {
    const firstTier = program.config.tiers.levels[0]?.code ?? null;
    const evaluation = evaluateEarn(
      program,
      sale,
      earningContextOf(state, {
        memberId: member.id,
        program: program.config,
        tierCode: firstTier === null ? null : tierAt(historyOf(member, firstTier), occurredAt),
        saleAt: occurredAt,
        saleId: sale.id,
      }),
    );
    return earnEntry({
      entryId: context.entryId,
      now: context.now,
      sale: {
        id: sale.id,
        transactionId: sale.transactionId,
        storeId: sale.storeId,
        occurredAt,
        total: sale.totals.total,
        lines: sale.lines,
      },
      evaluation,
      dates: batchDates(program.config.ledger, occurredAt),
      via: options.via ?? 'card',
    });
  });
  if (result.status !== 'written' && result.status !== 'replayed') return null;
  const earned = result.entry.pending;
  // The sale went to another member first (a claim of a sale already credited by card): theirs.
  const holder =
    result.entry.memberId === member.id ? member : await deps.store.members.resolve(result.entry.memberId);
  if (!holder) return null;
  // A late sale (or a program without pending days) may be due for activation at once.
  const known = result.status === 'written' ? { member: holder, state: result.state } : undefined;
  return creditOf(holder, await upkeep(deps, holder.id, known), earned, deps.clock());
}
