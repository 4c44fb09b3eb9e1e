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

/**
 * A delivery still `queued` long after it was due has lost its job, or its job ended without
 * recording how: bull fails a job that stalled twice (its worker killed twice mid-send) without
 * running it, a last attempt may not reach the database to record its failure, and a Redis that
 * lost its data loses jobs. The delivery, not the job, is what was promised, so its job is added
 * again, a few times at most: one that keeps ending this way ends `failed`, where support sees it.
 */
export const MAX_DELIVERY_REQUEUES = 3;

/** What a delivery's job is, as the queue knows it; `missing` when the queue has no such job. */
export type EmailJobState = 'waiting' | 'delayed' | 'active' | 'paused' | 'completed' | 'failed' | 'missing';

export type StuckDeliveryAction = 'leave' | 'requeue' | 'give-up';

export function stuckDeliveryAction(job: EmailJobState, requeues: number): StuckDeliveryAction {
  // Still going: waiting its turn, its loyalty block or its backoff, or being sent now.
  if (job === 'waiting' || job === 'delayed' || job === 'active' || job === 'paused') return 'leave';
  return requeues < MAX_DELIVERY_REQUEUES ? 'requeue' : 'give-up';
}
