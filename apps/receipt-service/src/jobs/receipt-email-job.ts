import type Bull from 'bull';
import { z } from 'zod';

/** The queue of receipt emails: one job per delivery, `jobId` = the delivery's id. */
export const RECEIPT_EMAIL_QUEUE = 'receipt-email';

export const receiptEmailJobSchema = z.object({
  deliveryId: z.string().min(1),
  receiptId: z.string().min(1),
  to: z.enum(['till', 'claim', 'resend']),
  /** How much longer the email may wait for its loyalty block (a card sale's); absent: it does not. */
  loyaltyWaitMs: z.number().int().nonnegative().optional(),
  /** How many times it has looked for the block already. */
  loyaltyChecks: z.number().int().nonnegative().optional(),
});
export type ReceiptEmailJob = z.infer<typeof receiptEmailJobSchema>;

/**
 * Six attempts, exponential from 2 s: the last runs about a minute after the first, which rides
 * out an SMTP relay restart; a longer outage ends `failed`, and support resends.
 */
export const EMAIL_ATTEMPTS = 6;
export const EMAIL_BACKOFF_MS = 2_000;

export interface EmailRetryOptions {
  attempts: number;
  backoffMs: number;
}

export function emailJobOptions(
  deliveryId: string,
  retry: EmailRetryOptions = { attempts: EMAIL_ATTEMPTS, backoffMs: EMAIL_BACKOFF_MS },
): Bull.JobOptions {
  return {
    jobId: deliveryId,
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
  };
}

/**
 * The same delivery, looked at again later while its loyalty block is awaited. Not kept once done:
 * the delivery's state, not the job id, keeps a second look from sending twice.
 */
export function loyaltyRecheckOptions(
  job: ReceiptEmailJob,
  delayMs: number,
  retry: EmailRetryOptions = { attempts: EMAIL_ATTEMPTS, backoffMs: EMAIL_BACKOFF_MS },
): Bull.JobOptions {
  return {
    ...emailJobOptions(job.deliveryId, retry),
    jobId: `${job.deliveryId}:loyalty:${job.loyaltyChecks ?? 0}`,
    delay: delayMs,
    removeOnComplete: true,
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
  /** Drops the job for good: there is nothing left to send. */
  discard(): Promise<void>;
}

export function receiptEmailAttempt(job: Bull.Job<unknown>): ReceiptEmailAttempt {
  return {
    data: receiptEmailJobSchema.parse(job.data),
    finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    discard: () => job.discard(),
  };
}
