/** What became of one attempt at a receipt email, for metrics. */
export type EmailOutcome =
  | { result: 'sent' }
  | { result: 'suppressed' }
  | { result: 'failed'; reason: EmailFailureReason; final: boolean };

export type EmailFailureReason = 'rejected' | 'smtp_unavailable' | 'receipt_missing' | 'other';

/**
 * A few stable reasons, never the error text (it may quote an address): a 5xx answer is the
 * server refusing the message, a 4xx or a connection error is the server not taking it now.
 */
export function emailFailureReason(error: unknown): EmailFailureReason {
  if (error instanceof ReceiptMissingError) return 'receipt_missing';
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 500 ? 'rejected' : 'smtp_unavailable';
  if (typeof code === 'string' && /^(ECONNECTION|ETIMEDOUT|ESOCKET|ECONNREFUSED|EDNS)$/.test(code))
    return 'smtp_unavailable';
  return 'other';
}

export class ReceiptMissingError extends Error {
  override readonly name = 'ReceiptMissingError';
}
