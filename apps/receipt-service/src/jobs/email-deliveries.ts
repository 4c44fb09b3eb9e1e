import { randomUUID } from 'node:crypto';
import type Bull from 'bull';
import { normalisedEmail } from '../domain/customer-identifiers.js';
import { queuedDelivery } from '../domain/email-delivery.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';
import { DELIVERY_EMAIL_CONTEXT, type ReceiptDeliveries } from '../store/receipt-deliveries.js';
import type { EmailOutcome } from './email-outcome.js';
import type { LoyaltySummary } from '../domain/receipt-record.js';
import {
  deliveryIdOf,
  emailJobOptions,
  type EmailRetryOptions,
  type ReceiptEmailJob,
} from './receipt-email-job.js';

export interface EnqueueInput {
  receiptId: string;
  email: string;
  to: ReceiptEmailJob['to'];
  /** The sale named a card: the email may wait this long for its loyalty block. */
  loyaltyWaitMs?: number;
  /** The sale as just read (no customer), carried in the job so the e-mail does not read it. */
  sale?: Record<string, unknown>;
}

/** What loyalty told of one receipt's sale (`sale.credited`): its block, null when it earned none. */
export interface LoyaltyTold {
  receiptId: string;
  block: LoyaltySummary | null;
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
  /**
   * Loyalty told what came of these receipts' sales: each one's till e-mail, waiting delayed for
   * it, gets the block in its data and is promoted, so it goes now. Per receipt, whether it has a
   * till e-mail job (waiting or not): such a sale had an address at the till.
   */
  loyaltyTold(told: readonly LoyaltyTold[]): Promise<boolean[]>;
  /** Called after every attempt the worker makes (metrics count them). */
  onOutcome(listener: (outcome: EmailOutcome) => void): void;
  /** The worker's side of `onOutcome`. */
  report(outcome: EmailOutcome): void;
}

/**
 * A sale's answer from loyalty can come before its own `transaction.recorded` is handled here
 * (the two events travel apart): the answer is then left in Redis this long, for the e-mail job
 * added after it to find.
 */
export const LOYALTY_TOLD_KEEP_MS = 10 * 60_000;

/** Sales whose e-mails the serialised sale makes larger than this are read again by the e-mail. */
export const CARRIED_SALE_MAX_BYTES = 16_384;

export function emailDeliveries(deps: {
  queue: Bull.Queue;
  deliveries: ReceiptDeliveries;
  crypto: ReceiptCrypto;
  clock: () => Date;
  retry?: EmailRetryOptions;
}): EmailDeliveries {
  const listeners: ((outcome: EmailOutcome) => void)[] = [];
  const { queue } = deps;
  // In the queue's key space (its prefix, a Redis Cluster hash tag when one is set).
  const toldKey = (receiptId: string) =>
    (queue as Bull.Queue & { toKey(type: string): string }).toKey(`loyalty-told:${receiptId}`);

  /** Puts the block in a delayed till e-mail's data and promotes it; false when there is no such job. */
  async function wake({ receiptId, block }: LoyaltyTold): Promise<boolean> {
    const job = await queue.getJob(deliveryIdOf(receiptId, 'till'));
    if (!job) return false;
    const data = job.data as ReceiptEmailJob;
    if (data.loyaltyWaitMs === undefined || data.loyalty !== undefined) return true;
    try {
      await job.update({ ...data, loyalty: { block } });
      await job.promote();
    } catch {
      // Not delayed any more: it ran (or runs) at its fallback and reads the block itself.
    }
    return true;
  }

  return {
    onOutcome: (listener) => {
      listeners.push(listener);
    },
    report: (outcome) => {
      for (const listener of listeners) listener(outcome);
    },
    async loyaltyTold(told) {
      return Promise.all(
        told.map(async (each) => {
          if (await wake(each)) return true;
          // No job yet: the sale's own event may not have been handled. The answer is left where
          // that handler looks once it has added the job (see enqueueAll), then the job is looked
          // for once more: one of the two sides always sees the other's write.
          // NX: the first answer stays, as the stored block does.
          await queue.client.set(
            toldKey(each.receiptId),
            JSON.stringify(each.block),
            'PX',
            LOYALTY_TOLD_KEEP_MS,
            'NX',
          );
          return wake(each);
        }),
      );
    },
    async enqueue(input) {
      const [outcome] = await enqueueAll([input]);
      if (outcome === undefined || outcome instanceof Error) throw outcome ?? new Error('not enqueued');
      return outcome;
    },
    enqueueAll,
  };

  async function enqueueAll(inputs: readonly EnqueueInput[]): Promise<(string | Error)[]> {
    const planned = inputs.map(({ receiptId, email, to, loyaltyWaitMs, sale }) => {
      const deliveryId = deliveryIdOf(receiptId, to, randomUUID());
      const carried = sale && JSON.stringify(sale).length <= CARRIED_SALE_MAX_BYTES ? sale : undefined;
      const job: ReceiptEmailJob = {
        deliveryId,
        receiptId,
        to,
        ...(loyaltyWaitMs !== undefined && loyaltyWaitMs > 0 && { loyaltyWaitMs }),
        ...(carried && { sale: carried }),
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
    if (jobs.length > 0) {
      await queue.addBulk(
        jobs.map(({ deliveryId, job }) => ({
          data: job,
          opts: emailJobOptions(deliveryId, deps.retry, job.loyaltyWaitMs),
        })),
      );
      // Loyalty may have answered before these jobs existed (see loyaltyTold): its answers left in
      // Redis wake them now, one read for the batch.
      const waiting = jobs.filter(({ job }) => job.loyaltyWaitMs !== undefined && job.to === 'till');
      if (waiting.length > 0) {
        const told = await queue.client.mget(...waiting.map(({ job }) => toldKey(job.receiptId)));
        await Promise.all(
          waiting.map(async ({ job }, index) => {
            const found = told[index];
            if (found !== null && found !== undefined)
              await wake({ receiptId: job.receiptId, block: JSON.parse(found) as LoyaltySummary | null });
          }),
        );
      }
    }
    return planned.map(({ deliveryId }, index) => {
      const outcome = stored[index];
      return outcome instanceof Error ? outcome : deliveryId;
    });
  }
}
