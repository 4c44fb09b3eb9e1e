import type { SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';
import { namesCard, saleCreditedEvent } from '../domain/events/sale-credited.js';
import { balanceAt, type LedgerState } from '../domain/ledger/balance.js';
import { earnEntry } from '../domain/ledger/earn.js';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import { earningContextOf } from '../domain/ledger/earning-context.js';
import { batchDates } from '../domain/ledger/expiry.js';
import { evaluateEarn } from '../domain/program/earning.js';
import type { ProgramVersion } from '../domain/program/program-config.js';
import { evaluateTiers, tierAt, type TierEvaluation } from '../domain/tiers/tier-timeline.js';
import type { AppendRequest, AppendResult } from '../store/ledger.js';
import type { Member } from '../store/members.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { historyOf, upkeep } from './member-upkeep.js';
import { earningCandidates } from '../domain/members/household-card.js';

/**
 * The member a till sale names by loyalty card (merged members lead to the survivor), or, when
 * the program keeps a household card's balances per person, the member whose own e-mail the card
 * sale names (see `earningCandidates`).
 */
export async function memberOfSale(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
): Promise<Member | null> {
  if (!sale.identifiers.some(({ type }) => type === 'card')) return null;
  const program = sale.identifiers.some(({ type }) => type === 'email')
    ? await deps.programs.inForceAt(sale.tenantId, new Date(sale.occurredAt))
    : null;
  const balance = program?.config.households?.balance ?? 'shared';
  for (const identifier of earningCandidates(sale.identifiers, balance)) {
    const type = identifier.type === 'email' ? 'email' : 'card';
    const holder = await deps.store.members.holderOf(sale.tenantId, type, identifier.hash);
    const member = holder ? await deps.store.members.followMerges(holder) : null;
    if (member && member.erasedAt === null) return member;
  }
  return null;
}

/** What the receipt prints in its loyalty block: the sale's points and the member after it. */
export function creditOf(
  memberId: string,
  state: LedgerState,
  tier: TierEvaluation | null,
  pointsEarned: number,
  now: Date,
  availableFrom: Date | null = null,
): SaleCredit {
  const balance = balanceAt(state, now);
  return {
    memberId,
    pointsEarned,
    balance: balance.active,
    pending: balance.pending,
    ...(availableFrom !== null && { availableFrom: availableFrom.toISOString() }),
    tier: tier?.tier.name ?? null,
  };
}

/** When the points an earn entry opened become spendable; null when it earned none. */
export function availableFromOf(entry: LedgerEntry): Date | null {
  const opened = entry.kind === 'earn' && entry.pending > 0 ? entry.moves[0]?.opens : undefined;
  return opened?.activatesAt ?? null;
}

/** The member's tier on the ledger given, under the current program: what a receipt prints. */
function tierOn(
  program: ProgramVersion | null,
  member: Member,
  state: LedgerState,
  now: Date,
): TierEvaluation | null {
  const firstTier = program?.config.tiers.levels[0]?.code;
  if (!program || !firstTier) return null;
  return evaluateTiers({
    rules: program.config.tiers,
    batches: state.batches.values(),
    history: historyOf(member, firstTier),
    now,
    droppedUntil: state.droppedUntil,
  });
}

/** What an earn needs besides the sale: its member, the programs, and who the sale tells. */
export interface EarnContext {
  member: Member;
  /** The version in force when the sale happened: what it earns under. */
  program: ProgramVersion;
  /** The current version: the tier the receipt prints. */
  current: ProgramVersion | null;
  /** The sale named a card at the till: its receipt waits for `sale.credited`. */
  tells: boolean;
  via: 'card' | 'claim';
  /** Carried by `sale.credited` (the request the sale came from), when known. */
  correlationId?: string;
}

/**
 * The ledger write of a sale's earn: decided on the member's ledger as it is, with its
 * `sale.credited` (when the sale tells) in the entry's outbox.
 */
export function earnRequest(
  sale: TransactionRecordedPayload,
  { member, program, current, tells, via, correlationId }: EarnContext,
): AppendRequest {
  const occurredAt = new Date(sale.occurredAt);
  return {
    memberId: member.id,
    decide: (state, context) => {
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
        via,
      });
    },
    events: (entry, after) =>
      tells
        ? [
            {
              ...saleCreditedEvent(
                sale,
                {
                  credit: creditOf(
                    member.id,
                    after,
                    tierOn(current, member, after, entry.at),
                    entry.pending,
                    entry.at,
                    availableFromOf(entry),
                  ),
                  memberHasEmail: member.email !== null,
                },
                entry.at,
              ),
              ...(correlationId !== undefined && { correlationId }),
            },
          ]
        : [],
  };
}

/** What came of an earn's ledger write: the credit a receipt prints, settled (activations, tier). */
export async function settleEarn(
  deps: LoyaltyDeps,
  member: Member,
  result: AppendResult,
): Promise<SaleCredit | null> {
  if (result.status === 'replayed') {
    // Credited before, possibly to another member (a claim of a sale a card credited): written
    // with its activation and tier then, or by the daily job if that was interrupted.
    const { entry } = result;
    return creditOf(entry.memberId, result.state, null, entry.pending, deps.clock(), availableFromOf(entry));
  }
  if (result.status !== 'written') return null;
  // A late sale (or a program without pending days) may be due for activation at once.
  const settled = await upkeep(deps, member.id, { member, state: result.state });
  return creditOf(
    member.id,
    settled.state,
    settled.tier,
    result.entry.pending,
    deps.clock(),
    availableFromOf(result.entry),
  );
}

/**
 * Credits a sale (not a return) to its member under the program version in force when it
 * happened: pending for the return window, one earn per sale (`earn:<saleId>`) however many times
 * its event or a claim bring it. Null when no member made the sale (or no program exists yet).
 */
export async function earnOnSale(
  deps: LoyaltyDeps,
  sale: TransactionRecordedPayload,
  options: { member?: Member; via?: 'card' | 'claim' } = {},
): Promise<SaleCredit | null> {
  const tells = options.member === undefined && namesCard(sale);
  const member = options.member ?? (await memberOfSale(deps, sale));
  const occurredAt = new Date(sale.occurredAt);
  const program = member ? await deps.programs.inForceAt(sale.tenantId, occurredAt) : null;
  if (!member || !program) {
    const outcome = member ? 'no_program' : 'not_a_member';
    await deps.sales.record(sale, tells ? [saleCreditedEvent(sale, { outcome }, deps.clock())] : []);
    return null;
  }
  await deps.sales.record(sale);
  const current = await deps.programs.current(sale.tenantId);
  const request = earnRequest(sale, { member, program, current, tells, via: options.via ?? 'card' });
  const result = await deps.store.ledger.append(member.id, request.decide, request);
  return settleEarn(deps, member, result);
}
