import { AppError } from '@scontrino/errors';
import { type Balance, balanceAt } from '../domain/ledger/balance.js';
import { decodeHistoryCursor, encodeHistoryCursor } from '../domain/ledger/history-cursor.js';
import type { EntryExplanation } from '../domain/ledger/entry-explanation.js';
import type { LedgerEntry } from '../domain/ledger/entry.js';
import type { LineExplanation } from '../domain/program/explanation.js';
import { addDays } from '../domain/ledger/expiry.js';
import { expiringBetween } from '../domain/ledger/maintenance.js';
import type { MemberSession } from '../domain/auth/member-session.js';
import { type TierProgress, tierProgress } from '../domain/tiers/tier-progress.js';
import { evaluateTiers } from '../domain/tiers/tier-timeline.js';
import type { Member } from '../store/members.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { historyOf } from './member-upkeep.js';

/** The app warns about points expiring within this many days. */
export const EXPIRY_WARNING_DAYS = 30;

/** The member a session speaks for, refused when it no longer exists (erased) or left the tenant. */
export async function sessionMember(deps: LoyaltyDeps, session: MemberSession): Promise<Member> {
  const member = await deps.store.members.resolve(session.memberId);
  if (!member || member.erasedAt !== null || member.tenantId !== session.tenantId)
    throw new AppError('auth.member_gone', 'This membership no longer exists; sign in again', {
      kind: 'unauthenticated',
    });
  return member;
}

export interface MemberSummary {
  memberId: string;
  balance: Balance;
  progress: TierProgress | null;
  expiring: { points: number; withinDays: number; firstAt: Date | null };
}

export async function memberSummary(deps: LoyaltyDeps, session: MemberSession): Promise<MemberSummary> {
  const member = await sessionMember(deps, session);
  const now = deps.clock();
  const [state, program] = await Promise.all([
    deps.store.ledger.stateOf(member.id),
    deps.programs.current(member.tenantId),
  ]);
  const firstTier = program?.config.tiers.levels[0]?.code;
  const progress =
    program && firstTier
      ? tierProgress(
          program.config.tiers,
          evaluateTiers({
            rules: program.config.tiers,
            batches: state.batches.values(),
            history: historyOf(member, firstTier),
            now,
            droppedUntil: state.droppedUntil,
          }),
        )
      : null;
  return {
    memberId: member.id,
    balance: balanceAt(state, now),
    progress,
    expiring: {
      ...expiringBetween(state, now, addDays(now, EXPIRY_WARNING_DAYS)),
      withinDays: EXPIRY_WARNING_DAYS,
    },
  };
}

/** An entry or a line written before explanations were kept as data: its English sentence. */
export interface TextExplanation {
  kind: 'text';
  text: string;
}

export interface HistoryItem {
  id: string;
  kind: LedgerEntry['kind'];
  at: Date;
  /** Change of the member's points (pending and spendable together); holds change nothing. */
  points: number;
  pending: number;
  active: number;
  /** What the entry did and why, as data for the app to word in the member's language. */
  because: EntryExplanation | TextExplanation;
  /** Per line, for a sale or a return: how its points came about. */
  lines: { lineId: string; points: number; because: LineExplanation | TextExplanation }[];
}

/** A ledger entry as the app's history shows it; an entry from before explanations were data keeps its sentence. */
export function historyItemOf(entry: LedgerEntry): HistoryItem {
  const lines =
    entry.kind === 'earn'
      ? entry.lines.map((line) => ({
          lineId: line.lineId,
          points: line.points,
          because: line.because ?? { kind: 'text' as const, text: line.explanation },
        }))
      : entry.kind === 'reverse'
        ? entry.lines.map((line) => ({
            lineId: line.lineId,
            points: -line.points,
            because: {
              kind: 'returned' as const,
              lineId: line.lineId,
              points: line.points,
              quantity: line.quantity,
              originalLineId: line.originalLineId,
            },
          }))
        : [];
  return {
    id: entry.id,
    kind: entry.kind,
    at: entry.at,
    points: entry.pending + entry.active,
    pending: entry.pending,
    active: entry.active,
    because: entry.because ?? { kind: 'text', text: entry.explanation },
    lines,
  };
}

/** Newest first, a page at a time, each entry with its explanation. */
export async function memberHistory(
  deps: LoyaltyDeps,
  session: MemberSession,
  input: { cursor?: string | undefined; limit: number },
): Promise<{ entries: HistoryItem[]; nextCursor: string | null }> {
  const member = await sessionMember(deps, session);
  const before = input.cursor === undefined ? null : decodeHistoryCursor(input.cursor);
  if (input.cursor !== undefined && before === null)
    throw new AppError('history.invalid_cursor', 'This cursor was not issued by this service', {
      kind: 'invalid',
      issues: [{ path: 'cursor', code: 'invalid_cursor', message: 'not a cursor of this service' }],
    });
  const page = await deps.store.ledger.historyOf(member.id, before, input.limit);
  const last = page.entries.at(-1);
  return {
    entries: page.entries.map(historyItemOf),
    nextCursor: page.more && last ? encodeHistoryCursor(last.seq) : null,
  };
}

/** The member's look-up hashes, as the receipt service finds receipts by them. */
export function receiptIdentifiers(member: Member): { type: 'card' | 'email'; hash: string }[] {
  return [
    ...member.cards.map((card) => ({ type: 'card' as const, hash: card.hash })),
    ...(member.email ? [{ type: 'email' as const, hash: member.email.hash }] : []),
  ];
}
