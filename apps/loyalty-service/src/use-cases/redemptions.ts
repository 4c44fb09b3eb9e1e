import { AppError } from '@scontrino/errors';
import { availableAt } from '../domain/ledger/balance.js';
import { refuse } from '../domain/ledger/decision.js';
import type { Refusal } from '../domain/ledger/decision.js';
import {
  captureDecision,
  captureKey,
  holdDecision,
  releaseDecision,
  releaseKey,
} from '../domain/ledger/holds.js';
import { newId } from '../domain/ids.js';
import { quoteRedemption, type RedemptionQuote, redemptionProblem } from '../domain/redemption/quote.js';
import type { ProgramVersion } from '../domain/program/program-config.js';
import type { AppendResult } from '../store/ledger.js';
import type { Member } from '../store/members.js';
import { notFound, refusalError } from './ledger-errors.js';
import type { LoyaltyDeps } from './loyalty-deps.js';

/** How the till names the member: the loyalty card scanned, or the member id from the app's QR. */
export type TillMember = { tenantId: string } & ({ cardNumber: string } | { memberId: string });

async function tillMember(deps: LoyaltyDeps, who: TillMember): Promise<Member> {
  let memberId: string | null;
  if ('cardNumber' in who) {
    const card = deps.crypto.card(who.cardNumber);
    memberId = card ? await deps.store.members.findByKey(who.tenantId, 'card', card.hash) : null;
  } else memberId = who.memberId;
  const member = memberId ? await deps.store.members.resolve(memberId) : null;
  if (!member || member.tenantId !== who.tenantId || member.erasedAt !== null)
    throw new AppError('member.not_found', 'No member with this card or id', { kind: 'not_found' });
  return member;
}

async function programOf(deps: LoyaltyDeps, tenantId: string): Promise<ProgramVersion> {
  const program = await deps.programs.current(tenantId);
  if (!program)
    throw new AppError('program.not_found', `No loyalty program for ${tenantId}`, { kind: 'not_found' });
  return program;
}

export async function quote(
  deps: LoyaltyDeps,
  input: TillMember & { basketTotal: number },
): Promise<RedemptionQuote & { memberId: string }> {
  const member = await tillMember(deps, input);
  const program = await programOf(deps, input.tenantId);
  const state = await deps.store.ledger.stateOf(member.id);
  const available = availableAt(state, deps.clock());
  return {
    memberId: member.id,
    ...quoteRedemption(program.config.redemption, { available, basketTotal: input.basketTotal }),
  };
}

export interface HoldAnswer {
  holdId: string;
  memberId: string;
  points: number;
  amount: number;
  expiresAt: Date;
}

/**
 * Reserves points for a basket. The quote is checked again inside the ledger decision, on the
 * ledger as it is when the entry is written, so concurrent holds cannot overspend.
 */
export async function hold(
  deps: LoyaltyDeps,
  input: TillMember & { basketTotal: number; points: number; storeId?: string | null },
): Promise<HoldAnswer> {
  const member = await tillMember(deps, input);
  const rules = (await programOf(deps, input.tenantId)).config.redemption;
  const holdId = newId('hold');
  const result = await deps.store.ledger.append(member.id, (state, { now }) => {
    const offer = quoteRedemption(rules, {
      available: availableAt(state, now),
      basketTotal: input.basketTotal,
    });
    const problem = redemptionProblem(offer, input.points);
    if (problem)
      return refuse(input.points < rules.minimumPoints ? 'below_minimum' : 'insufficient_points', problem);
    return holdDecision(state, {
      holdId,
      points: input.points,
      expiresAt: new Date(now.getTime() + rules.holdMinutes * 60_000),
      now,
    });
  });
  if (result.status === 'refused') throw refusalError(result.refusal);
  if (result.status !== 'written' || result.entry.kind !== 'hold')
    throw new Error(`hold ${holdId} was not written`);
  const { entry } = result;
  await deps.store.holds.record({
    holdId,
    memberId: member.id,
    tenantId: member.tenantId,
    storeId: input.storeId ?? null,
    points: entry.points,
    basketTotal: input.basketTotal,
    expiresAt: entry.expiresAt,
    createdAt: entry.at,
  });
  return {
    holdId,
    memberId: member.id,
    points: entry.points,
    amount: entry.points * rules.pointValue,
    expiresAt: entry.expiresAt,
  };
}

/** How a hold ended, as far as a refused capture or void needs to know. */
interface HoldOutcome {
  refusal: Refusal;
  capture: { posTransactionId: string; points: number } | null;
}

/**
 * A hold the member's folded ledger no longer holds (a day after it lapsed) is settled: its capture
 * or release entry says how, found by business key; with neither, it lapsed unused.
 */
async function settledHold(deps: LoyaltyDeps, holdId: string): Promise<HoldOutcome> {
  const captured = await deps.store.ledger.byBusinessKey(captureKey(holdId));
  if (captured?.kind === 'redeem')
    return {
      refusal: refuse('hold_captured', 'this hold was captured by another transaction'),
      capture: captured,
    };
  if (await deps.store.ledger.byBusinessKey(releaseKey(holdId)))
    return { refusal: refuse('hold_released', 'this hold was voided'), capture: null };
  return { refusal: refuse('hold_expired', 'this hold lapsed; hold the points again'), capture: null };
}

async function outcomeOf(
  deps: LoyaltyDeps,
  holdId: string,
  result: Extract<AppendResult, { status: 'refused' }>,
): Promise<HoldOutcome> {
  if (result.refusal.refused === 'hold_not_found') return settledHold(deps, holdId);
  return { refusal: result.refusal, capture: result.state.holds.get(holdId)?.capture ?? null };
}

export interface CaptureAnswer {
  holdId: string;
  memberId: string;
  posTransactionId: string;
  points: number;
  balance: number;
}

/** Spends a hold for a POS transaction; the same capture again answers the first one. */
export async function capture(
  deps: LoyaltyDeps,
  input: { holdId: string; posTransactionId: string; points?: number | undefined },
): Promise<CaptureAnswer> {
  const held = await deps.store.holds.get(input.holdId);
  if (!held) throw notFound('hold', input.holdId);
  const result = await deps.store.ledger.append(held.memberId, (state, { now }) =>
    captureDecision(state, { ...input, now }),
  );
  const answer = (points: number, balance: number) => ({
    holdId: input.holdId,
    memberId: held.memberId,
    posTransactionId: input.posTransactionId,
    points,
    balance,
  });
  if (result.status === 'refused') {
    const { refusal, capture: captured } = await outcomeOf(deps, input.holdId, result);
    if (refusal.refused === 'hold_captured' && captured?.posTransactionId === input.posTransactionId)
      return answer(captured.points, result.state.active);
    throw refusalError(refusal);
  }
  if (result.status === 'nothing' || result.entry.kind !== 'redeem')
    throw new Error('capture decided nothing');
  if (result.entry.posTransactionId !== input.posTransactionId)
    throw new AppError('redemption.hold_captured', 'this hold was captured by another transaction', {
      kind: 'conflict',
    });
  return answer(result.entry.points, result.state.active);
}

/** Releases a hold that was not captured; voiding twice is fine. */
export async function voidHold(
  deps: LoyaltyDeps,
  input: { holdId: string },
): Promise<{ holdId: string; released: true }> {
  const held = await deps.store.holds.get(input.holdId);
  if (!held) throw notFound('hold', input.holdId);
  const result = await deps.store.ledger.append(held.memberId, (state, { now }) =>
    releaseDecision(state, { holdId: input.holdId, now }),
  );
  if (result.status === 'refused') {
    const { refusal } = await outcomeOf(deps, input.holdId, result);
    // Voiding a hold that was voided, or lapsed long ago, changes nothing.
    if (refusal.refused === 'hold_captured') throw refusalError(refusal);
  }
  return { holdId: input.holdId, released: true };
}
