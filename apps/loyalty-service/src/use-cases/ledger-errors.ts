import { AppError, type ErrorKind } from '@scontrino/errors';
import type { Refusal, RefusalCode } from '../domain/ledger/decision.js';
import type { AppendResult } from '../store/ledger.js';

const kindOf: Record<RefusalCode, ErrorKind> = {
  insufficient_points: 'conflict',
  below_minimum: 'invalid',
  hold_not_found: 'not_found',
  hold_expired: 'conflict',
  hold_released: 'conflict',
  hold_captured: 'conflict',
  capture_exceeds_hold: 'invalid',
};

/** A refusal of the ledger rules as the error the caller sees (`redemption.insufficient_points`…). */
export function refusalError(refusal: Refusal, area = 'redemption'): AppError {
  return new AppError(`${area}.${refusal.refused}`, refusal.message, { kind: kindOf[refusal.refused] });
}

/** The entry written or found, or the refusal thrown. */
export function entryOrThrow(result: AppendResult, area?: string) {
  if (result.status === 'refused') throw refusalError(result.refusal, area);
  if (result.status === 'nothing') return null;
  return result.entry;
}

export const notFound = (what: string, id: string) =>
  new AppError(`${what}.not_found`, `No ${what} ${id}`, { kind: 'not_found' });
