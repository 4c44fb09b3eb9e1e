import type { ContractIssue, PosTransaction } from '@scontrino/contracts';
import { AppError } from '@scontrino/errors';

/** 422 naming every broken rule by its JSON path (`lines[1].total`). */
export function invalidTransaction(issues: readonly ContractIssue[]): AppError {
  const count = issues.length;
  return new AppError(
    'transaction.invalid',
    `The transaction breaks ${count} rule${count === 1 ? '' : 's'} of the POS contract`,
    {
      kind: 'invalid',
      retryable: false,
      issues: issues.map(({ pointer, code, message }) => ({ path: pointer, code, message })),
    },
  );
}

/** 409: the store already has this transactionId with another body. */
export function transactionConflict(
  transaction: Pick<PosTransaction, 'storeId' | 'transactionId'>,
): AppError {
  return new AppError(
    'transaction.conflict',
    `Store ${transaction.storeId} already recorded transaction ${transaction.transactionId} with another body`,
    { kind: 'conflict', retryable: false },
  );
}

/** 409: the Idempotency-Key was used with another body. */
export function idempotencyKeyReused(): AppError {
  return new AppError('idempotency.key_reused', 'This Idempotency-Key was already used with another body', {
    kind: 'conflict',
    retryable: false,
  });
}
