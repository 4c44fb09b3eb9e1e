import type Bull from 'bull';
import { z } from 'zod';
import type { LoyaltySummary } from '../domain/receipt-record.js';

const loyaltySummarySchema: z.ZodType<LoyaltySummary> = z.object({
  pointsEarned: z.number(),
  balance: z.number(),
  pending: z.number().nullable(),
  availableFrom: z.string().nullable(),
  tier: z.string().nullable(),
});

/** The queue of receipt emails: one job per delivery, `jobId` = the delivery's id. */
export const RECEIPT_EMAIL_QUEUE = 'receipt-email';

export const receiptEmailJobSchema = z.object({
  deliveryId: z.string().min(1),
  receiptId: z.string().min(1),
  to: z.enum(['till', 'claim', 'resend']),
  /**
   * A card sale's e-mail waits for its loyalty block: its job is added delayed by this much (the
   * fallback) and promoted when loyalty's `sale.credited` comes. Absent: it does not wait.
   */
  loyaltyWaitMs: z.number().int().nonnegative().optional(),
  /** Left by jobs of older versions, which looked for the block again and again; now ignored. */
  loyaltyChecks: z.number().int().nonnegative().optional(),
  /**
   * What loyalty told (`sale.credited`), put here by the consumer that promoted the job: the block
   * (null when the sale earned none), so the e-mail does not read it.
   */
  loyalty: z.object({ block: loyaltySummarySchema.nullable() }).optional(),
  /**
   * The sale as the consumer of its `transaction.recorded` read it (no customer), so the e-mail
   * does not read it again; absent on resends and claims, and when it is too large to carry.
   */
  sale: z.record(z.string(), z.unknown()).optional(),
});
export type ReceiptEmailJob = z.infer<typeof receiptEmailJobSchema>;

/**
 * Six attempts, exponential from 2 s: the last runs about a minute after the first, which rides
 * out an SMTP relay restart; a longer outage ends `failed`, and support resends.
 */
export const EMAIL_ATTEMPTS = 6;
export const EMAIL_BACKOFF_MS = 2_000;
/**
 * A sent e-mail's job stays an hour, not the queues' week: it carries the sale it rendered, and
 * the delivery's state, not the job, keeps an event handled again from sending twice.
 */
export const KEEP_SENT_EMAIL_JOBS_SECONDS = 60 * 60;

export interface EmailRetryOptions {
  attempts: number;
  backoffMs: number;
}

/**
 * A card sale's e-mail is added delayed by its fallback (`loyaltyWaitMs`): loyalty's answer
 * promotes it at once, and without an answer it runs once the delay is over. One delayed job, no
 * polling.
 */
export function emailJobOptions(
  deliveryId: string,
  retry: EmailRetryOptions = { attempts: EMAIL_ATTEMPTS, backoffMs: EMAIL_BACKOFF_MS },
  delayMs = 0,
): Bull.JobOptions {
  return {
    jobId: deliveryId,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { age: KEEP_SENT_EMAIL_JOBS_SECONDS },
    ...(delayMs > 0 && { delay: delayMs }),
  };
}

/** The delivery of the till's or the claim's address is unique per receipt; a resend is one more. */
export function deliveryIdOf(receiptId: string, to: ReceiptEmailJob['to'], unique?: string): string {
  return to === 'resend' ? `email:${receiptId}:resend:${unique ?? ''}` : `email:${receiptId}:${to}`;
}

/** One run of a receipt email job, as the use case that sends it sees it: no bull in sight. */
export interface ReceiptEmailAttempt {
  data: ReceiptEmailJob;
  /** No retry follows if this attempt fails. */
  finalAttempt: boolean;
  /** No attempt ran before: what the job carries is as fresh as it gets. */
  firstAttempt: boolean;
  /** Drops the job for good: there is nothing left to send. */
  discard(): Promise<void>;
}

export function receiptEmailAttempt(job: Bull.Job<unknown>): ReceiptEmailAttempt {
  return {
    data: receiptEmailJobSchema.parse(job.data),
    finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    firstAttempt: job.attemptsMade === 0,
    discard: () => job.discard(),
  };
}
