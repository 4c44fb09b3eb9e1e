import type { LedgerState } from '../domain/ledger/balance.js';
import { nextDueEntry } from '../domain/ledger/maintenance.js';
import { evaluateTiers, type TierChange, type TierEvaluation } from '../domain/tiers/tier-timeline.js';
import type { Member } from '../store/members.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

/** A pathological backlog (years of batches) still ends: the next run carries on. */
const MAX_DUE_ENTRIES = 1000;

/** The member's tier history, starting with the tier every member holds from enrolment. */
export function historyOf(member: Member, firstTier: string): TierChange[] {
  return member.tierHistory.length > 0
    ? member.tierHistory
    : [{ from: null, to: firstTier, at: member.enrolledAt, reason: 'enrolled' }];
}

/**
 * Re-evaluates the member's tier on its ledger under the current program and stores the history
 * when it changed. Null when the tenant has no program yet.
 */
export async function refreshTier(
  deps: LoyaltyDeps,
  member: Member,
  state: LedgerState,
): Promise<TierEvaluation | null> {
  const program = await deps.programs.current(member.tenantId);
  const firstTier = program?.config.tiers.levels[0]?.code;
  if (!program || !firstTier) return null;
  const history = historyOf(member, firstTier);
  const evaluation = evaluateTiers({
    rules: program.config.tiers,
    batches: state.batches.values(),
    history,
    now: deps.clock(),
    droppedUntil: state.droppedUntil,
  });
  if (evaluation.changes.length > 0 || member.tierHistory.length === 0)
    await deps.store.members.saveTierHistory(member.id, [...history, ...evaluation.changes]);
  return evaluation;
}

/**
 * Writes every activation and expiry due now, oldest first, then re-evaluates the tier. Each
 * entry has its own business key, so running it twice (or from two workers) writes nothing twice.
 * A caller that has just written gives the member and ledger it holds: when nothing is due on
 * them, the ledger is not read again. A caller that holds the member only gives that.
 */
export async function upkeep(
  deps: LoyaltyDeps,
  memberId: string,
  known?: { member: Member; state?: LedgerState },
): Promise<{ written: number; state: LedgerState; tier: TierEvaluation | null }> {
  let written = 0;
  let state = known?.state ?? null;
  if (!state || nextDueEntry(state, deps.clock()) !== null) {
    for (let i = 0; i < MAX_DUE_ENTRIES; i++) {
      const result = await deps.store.ledger.append(memberId, (current, context) =>
        nextDueEntry(current, context.now),
      );
      state = result.state;
      if (result.status === 'nothing') break;
      if (result.status === 'written') written += 1;
    }
  }
  state ??= await deps.store.ledger.stateOf(memberId);
  const member = known?.member ?? (await deps.store.members.get(memberId));
  const tier = member ? await refreshTier(deps, member, state) : null;
  return { written, state, tier };
}
