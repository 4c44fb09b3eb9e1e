import { AppError } from '@scontrino/errors';
import { adjustDecision } from '../domain/ledger/adjust.js';
import { batchDates } from '../domain/ledger/expiry.js';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import { entryOrThrow } from './ledger-errors.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { upkeep } from './member-upkeep.js';

/**
 * A staff correction with its reason and actor, idempotent by the caller's request id. Credited
 * points are spendable at once and expire like earned ones under the current program.
 */
export async function adjustPoints(
  deps: LoyaltyDeps,
  input: { memberId: string; requestId: string; points: number; reason: string; actor: string },
): Promise<LedgerEntry> {
  const member = await deps.store.members.resolve(input.memberId);
  if (!member) throw new AppError('member.not_found', `No member ${input.memberId}`, { kind: 'not_found' });
  const program = await deps.programs.current(member.tenantId);
  const entry = entryOrThrow(
    await deps.store.ledger.append(member.id, (state, context) =>
      adjustDecision(state, {
        entryId: context.entryId,
        requestId: `${member.id}:${input.requestId}`,
        points: input.points,
        reason: input.reason,
        actor: input.actor,
        dates: program
          ? { ...batchDates(program.config.ledger, context.now), activatesAt: context.now }
          : { earnedAt: context.now, activatesAt: context.now, expiresAt: null },
        now: context.now,
      }),
    ),
    'ledger',
  );
  if (!entry) throw new Error('an adjustment always decides an entry or a refusal');
  await upkeep(deps, member.id);
  return entry;
}
