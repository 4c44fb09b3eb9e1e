import { validatePosTransaction } from '@scontrino/contracts';
import { AppError } from '@scontrino/trpc';
import { requestHash } from '../../domain/digest.js';
import { type RecordedReceipt, recordedReceipt } from '../../domain/recorded-receipt.js';
import { scopeViolation, type TerminalIdentity } from '../../domain/terminal-scope.js';
import {
  idempotencyKeyInProgress,
  idempotencyKeyReused,
  invalidTransaction,
} from '../../store/ingest-errors.js';
import type { ReceiptStore } from '../../store/receipt-store.js';

export interface IngestDeps {
  store: Pick<ReceiptStore, 'idempotencyKeys' | 'transactions'>;
  publicUrl: string;
  clock: () => Date;
  /** Called with the `_id` of a transaction just stored (or replayed), for the outbox dispatcher. */
  onRecorded(transactionId: string): void;
}

export interface IngestRequest {
  terminal: TerminalIdentity;
  idempotencyKey: string;
  body: unknown;
}

export function scopeError(terminal: TerminalIdentity, body: unknown): AppError | null {
  const violation = scopeViolation(terminal, body);
  return violation === null ? null : new AppError('auth.wrong_store', violation, { kind: 'forbidden' });
}

/**
 * Records one POS transaction for REST and tRPC alike: scope, contract, idempotency, then the
 * insert. The idempotency key is claimed after validation, so an invalid body never holds it,
 * and given up after any refusal, so only a 201 is replayed (see `IdempotencyKeys.release`).
 */
export async function recordTransactionCommand(
  deps: IngestDeps,
  request: IngestRequest,
): Promise<RecordedReceipt> {
  const { terminal, idempotencyKey, body } = request;
  const forbidden = scopeError(terminal, body);
  if (forbidden) throw forbidden;
  const validated = validatePosTransaction(body, { now: deps.clock() });
  if (!validated.ok) throw invalidTransaction(validated.issues);

  const transaction = validated.value;
  const hash = requestHash(transaction);
  const scope = { storeId: terminal.storeId, terminalId: terminal.terminalId, key: idempotencyKey };
  const claim = await deps.store.idempotencyKeys.claim(scope, hash);
  switch (claim.kind) {
    case 'replay':
      return claim.response.body as RecordedReceipt;
    case 'body_mismatch':
      throw idempotencyKeyReused();
    case 'in_progress':
      throw idempotencyKeyInProgress();
    case 'claimed':
      break;
  }

  try {
    const keys = await deps.store.transactions.record({
      transaction,
      tenantId: terminal.tenantId,
      requestHash: hash,
    });
    deps.onRecorded(keys.transactionId);
    const answer = recordedReceipt(keys, deps.publicUrl);
    await deps.store.idempotencyKeys.complete(scope, claim.claimId, { status: 201, body: answer });
    return answer;
  } catch (error) {
    // Best effort: a claim left behind goes stale after 30 s and is taken over by a retry.
    await deps.store.idempotencyKeys.release(scope, claim.claimId).catch(() => undefined);
    throw error;
  }
}
