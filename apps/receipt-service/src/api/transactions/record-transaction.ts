import { AppError } from '@scontrino/errors';
import { publicProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { idempotencyKeySchema } from '../../domain/idempotency-key.js';
import { recordedReceiptSchema } from '../../domain/recorded-receipt.js';
import { authenticateTerminal, type TerminalAuthenticator } from '../../use-cases/authenticate-terminal.js';
import { type IngestDeps, recordTransaction } from '../../use-cases/record-transaction.js';

export const recordTransactionInput = z.object({
  /** The terminal's API key, as REST takes it in `Authorization`. */
  terminalKey: z.string().min(1).max(200),
  idempotencyKey: idempotencyKeySchema,
  /** Validated against the POS contract by the command, so failures name every rule like REST's 422. */
  transaction: z.unknown(),
});

/**
 * `transactions.record`: `POST /v1/transactions` for typed clients (the POS simulator). Public,
 * authenticated by the terminal key like REST: a till is not another service and must never hold
 * the service token; the same key scope, contract, idempotency and per-till budget apply (the
 * till's calls over REST and tRPC are counted together, each call of a batch once).
 */
export function recordTransactionProcedure(
  deps: IngestDeps & {
    terminalKeys: TerminalAuthenticator;
    /** Counts one request of the till (`TILL_RATE_LIMIT`, shared with REST); false past it. */
    tillLimit: (keyId: string) => Promise<boolean>;
  },
) {
  return publicProcedure
    .input(recordTransactionInput)
    .output(recordedReceiptSchema)
    .mutation(async ({ input }) => {
      const terminal = await authenticateTerminal(deps.terminalKeys, input.terminalKey);
      if (!terminal)
        throw new AppError('auth.invalid_key', 'Unknown or revoked terminal key', {
          kind: 'unauthenticated',
        });
      if (!(await deps.tillLimit(terminal.keyId)))
        throw new AppError('request.rate_limited', 'Too many requests from this till; retry later', {
          kind: 'rate_limited',
        });
      return recordTransaction(deps, {
        terminal,
        idempotencyKey: input.idempotencyKey,
        body: input.transaction,
      }).catch((error: unknown) => {
        throw underTransaction(error);
      });
    });
}

/**
 * The contract names a sale's problems from the sale itself (`totals.subtotal`, `(root)`); here
 * the sale is the input's `transaction` field, so each path is given from the input's root.
 */
function underTransaction(error: unknown): unknown {
  if (!(error instanceof AppError) || error.issues.length === 0) return error;
  const issues = error.issues.map((issue) => ({
    ...issue,
    path:
      issue.path === '(root)'
        ? 'transaction'
        : issue.path.startsWith('[')
          ? `transaction${issue.path}`
          : `transaction.${issue.path}`,
  }));
  return new AppError(error.code, error.message, {
    kind: error.kind,
    retryable: error.retryable,
    issues,
    cause: error.cause,
  });
}
