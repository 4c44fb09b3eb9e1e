import { type OccurredAtWindow, validatePosTransaction } from '@scontrino/contracts';
import type { WrittenOutbox } from '@scontrino/queue';
import { AppError } from '@scontrino/errors';
import { requestHash } from '../domain/digest.js';
import { idempotencyScopeHash } from '../domain/idempotency-key.js';
import { type RecordedReceipt, recordedReceipt } from '../domain/recorded-receipt.js';
import { scopeViolation, type TerminalIdentity } from '../domain/terminal-scope.js';
import { invalidTransaction } from '../store/ingest-errors.js';
import type { ReceiptStore } from '../store/receipt-store.js';
import { recordReturn } from './record-return.js';
import { type RecordInput, recordSale } from './record-sale.js';

export interface IngestDeps {
  store: Pick<ReceiptStore, 'transactions' | 'stores' | 'returnLinks'>;
  publicUrl: string;
  clock: () => Date;
  /** Rule 6's window around `clock()`; the contract's default (400 days, 5 minutes) when absent. */
  occurredAtWindow?: OccurredAtWindow;
  /** Called with the transaction just stored and its events, for the outbox dispatcher. */
  onRecorded(written: WrittenOutbox): void;
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
 * Records one POS transaction for REST and tRPC alike: scope, contract, then the sale or the
 * return, whose insert carries the idempotency key itself (see `recordSale`). A refused request stores
 * nothing, so a retry with the same key is judged afresh; only a 201 is ever replayed.
 */
export async function recordTransaction(deps: IngestDeps, request: IngestRequest): Promise<RecordedReceipt> {
  const { terminal, idempotencyKey, body } = request;
  const forbidden = scopeError(terminal, body);
  if (forbidden) throw forbidden;
  const validated = validatePosTransaction(body, {
    now: deps.clock(),
    ...(deps.occurredAtWindow && { occurredAtWindow: deps.occurredAtWindow }),
  });
  if (!validated.ok) throw invalidTransaction(validated.issues);

  const transaction = validated.value;
  const input: RecordInput = {
    transaction,
    tenantId: terminal.tenantId,
    requestHash: requestHash(transaction),
    idempotencyKey: idempotencyScopeHash({
      storeId: terminal.storeId,
      terminalId: terminal.terminalId,
      key: idempotencyKey,
    }),
  };
  const { store, clock } = deps;
  const recordDeps = { transactions: store.transactions, stores: store.stores, clock };
  const { keys, contacts, written } =
    transaction.type === 'return'
      ? await recordReturn({ ...recordDeps, returnLinks: store.returnLinks }, { ...input, transaction })
      : await recordSale(recordDeps, input);
  if (written) deps.onRecorded(written);
  return recordedReceipt(keys, deps.publicUrl, contacts);
}
