/**
 * The life of one receipt email: queued when it is due, then sent, or failed once every attempt
 * is used up; suppressed when the customer opted out of email receipts. Pure, so the worker and
 * the tRPC status read the same rules.
 */
export type EmailDeliveryState = 'queued' | 'sent' | 'failed' | 'suppressed';

export interface EmailDelivery {
  state: EmailDeliveryState;
  attempts: number;
  lastError: string | null;
  queuedAt: Date;
  sentAt: Date | null;
  /** Which address kind it went to: the one given at the till, or one given when claiming. */
  source: 'till' | 'claim' | 'resend';
}

/** Why a receipt is (or is not) emailed: only to whom asked for it, never to whom opted out. */
export type EmailDecision =
  { send: true } | { send: false; reason: 'no_email' | 'not_requested' | 'opted_out' };

export function decideEmail(input: {
  hasEmail: boolean;
  /** `customer.receiptDelivery` of the sale includes "email", or the customer claimed the receipt. */
  requested: boolean;
  optedOut: boolean;
}): EmailDecision {
  if (!input.hasEmail) return { send: false, reason: 'no_email' };
  if (!input.requested) return { send: false, reason: 'not_requested' };
  if (input.optedOut) return { send: false, reason: 'opted_out' };
  return { send: true };
}

export function queuedDelivery(source: EmailDelivery['source'], at: Date): EmailDelivery {
  return { state: 'queued', attempts: 0, lastError: null, queuedAt: at, sentAt: null, source };
}

export type AttemptOutcome = { ok: true; at: Date } | { ok: false; error: string; finalAttempt: boolean };

/** The delivery after one attempt; a failure stays `queued` while retries remain. */
export function afterAttempt(delivery: EmailDelivery, outcome: AttemptOutcome): EmailDelivery {
  const attempts = delivery.attempts + 1;
  if (outcome.ok) return { ...delivery, state: 'sent', attempts, lastError: null, sentAt: outcome.at };
  return {
    ...delivery,
    state: outcome.finalAttempt ? 'failed' : 'queued',
    attempts,
    lastError: outcome.error,
  };
}
