import { randomUUID } from 'node:crypto';
import type Bull from 'bull';
import { normalisedEmail } from '../domain/customer-identifiers.js';
import { queuedDelivery } from '../domain/email-delivery.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';
import { DELIVERY_EMAIL_CONTEXT, type ReceiptDeliveries } from '../store/receipt-deliveries.js';
import type { EmailOutcome } from './email-outcome.js';
import {
  deliveryIdOf,
  emailJobOptions,
  type EmailRetryOptions,
  loyaltyRecheckOptions,
  type ReceiptEmailJob,
} from './receipt-email-job.js';

export interface EnqueueInput {
  receiptId: string;
  email: string;
  to: ReceiptEmailJob['to'];
  /** The sale named a card: the email may wait this long for its loyalty block. */
  loyaltyWaitMs?: number;
}

export interface EmailDeliveries {
  /**
   * Records a queued delivery of `receiptId` to `email` and adds its job. Idempotent for the till
   * and claim deliveries (their ids are fixed per receipt), so an event handled twice sends once.
   */
  enqueue(input: EnqueueInput): Promise<string>;
  /**
   * `enqueue` for many: the deliveries in one insert and their jobs in one `addBulk`. Per input,
   * its delivery id or the error that refused it.
   */
  enqueueAll(inputs: readonly EnqueueInput[]): Promise<(string | Error)[]>;
  /** The same email job, looked at again in `delayMs` (its loyalty block is awaited). */
  later(job: ReceiptEmailJob, delayMs: number): Promise<void>;
  /** Called after every attempt the worker makes (metrics count them). */
  onOutcome(listener: (outcome: EmailOutcome) => void): void;
  /** The worker's side of `onOutcome`. */
  report(outcome: EmailOutcome): void;
}

export function emailDeliveries(deps: {
  queue: Bull.Queue;
  deliveries: ReceiptDeliveries;
  crypto: ReceiptCrypto;
  clock: () => Date;
  retry?: EmailRetryOptions;
}): EmailDeliveries {
  const listeners: ((outcome: EmailOutcome) => void)[] = [];
  return {
    onOutcome: (listener) => {
      listeners.push(listener);
    },
    report: (outcome) => {
      for (const listener of listeners) listener(outcome);
    },
    async later(job, delayMs) {
      await deps.queue.add(job, loyaltyRecheckOptions(job, delayMs, deps.retry));
    },
    async enqueue(input) {
      const [outcome] = await enqueueAll([input]);
      if (outcome === undefined || outcome instanceof Error) throw outcome ?? new Error('not enqueued');
      return outcome;
    },
    enqueueAll,
  };

  async function enqueueAll(inputs: readonly EnqueueInput[]): Promise<(string | Error)[]> {
    const planned = inputs.map(({ receiptId, email, to, loyaltyWaitMs }) => {
      const deliveryId = deliveryIdOf(receiptId, to, randomUUID());
      const job: ReceiptEmailJob = {
        deliveryId,
        receiptId,
        to,
        ...(loyaltyWaitMs !== undefined && loyaltyWaitMs > 0 && { loyaltyWaitMs }),
      };
      const delivery = {
        _id: deliveryId,
        receiptId,
        address: {
          encrypted: deps.crypto.cipher.encrypt(email, DELIVERY_EMAIL_CONTEXT),
          hash: deps.crypto.lookupHash('email', normalisedEmail(email)),
        },
        ...queuedDelivery(to, deps.clock()),
      };
      return { deliveryId, job, delivery };
    });
    const stored = await deps.deliveries.insertAll(planned.map(({ delivery }) => delivery));
    // Added even when the delivery existed: the first try may have died between the two writes,
    // and bull ignores a jobId it already holds.
    const jobs = planned.filter((_, index) => !(stored[index] instanceof Error));
    if (jobs.length > 0)
      await deps.queue.addBulk(
        jobs.map(({ deliveryId, job }) => ({ data: job, opts: emailJobOptions(deliveryId, deps.retry) })),
      );
    return planned.map(({ deliveryId }, index) => {
      const outcome = stored[index];
      return outcome instanceof Error ? outcome : deliveryId;
    });
  }
}
