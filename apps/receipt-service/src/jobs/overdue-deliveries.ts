import type { Logger } from '@scontrino/service';
import type Bull from 'bull';
import { type EmailJobState, MAX_DELIVERY_REQUEUES, stuckDeliveryAction } from '../domain/email-delivery.js';
import type { OverdueDelivery, ReceiptDeliveries } from '../store/receipt-deliveries.js';
import type { SalesRollups } from '../store/sales-rollups.js';
import type { EmailOutcome } from './email-outcome.js';
import { emailJobOptions, type EmailRetryOptions, type ReceiptEmailJob } from './receipt-email-job.js';

/**
 * A delivery this long in `queued` is looked at: its job should have ended by now (the loyalty
 * block's wait is seconds, six attempts with their backoff about a minute). One still waiting,
 * delayed or running is left alone whatever its age, so a short bound costs only a look.
 */
export const OVERDUE_AFTER_MS = 2 * 60_000;
/**
 * How often the sweep looks (a lost job's e-mail is sent again 2 to 3 minutes after it was queued;
 * every 30 s, idle, it read the deliveries twice a minute for a gain of half a minute), and how
 * many overdue deliveries one look takes at most.
 */
export const SWEEP_EVERY_MS = 60_000;
const SWEEP_LIMIT = 200;

export interface OverdueDeliverySweep {
  /** One look now: what it did. */
  runNow(): Promise<{ requeued: number; gaveUp: number; left: number }>;
  stop(): void;
}

/** The job's state as the sweep reads it; bull says `stuck` for a job in none of its lists. */
async function jobStateOf(queue: Bull.Queue, deliveryId: string): Promise<EmailJobState> {
  const job = await queue.getJob(deliveryId);
  if (!job) return 'missing';
  const state = await job.getState();
  return state === 'stuck' ? 'missing' : state;
}

/**
 * Finds deliveries still `queued` long after they were due and gives each a job again when its job
 * is gone or ended without recording an outcome (see `stuckDeliveryAction`), or ends it `failed`
 * once that happened too often. Runs at start and every minute; the read is of queued deliveries
 * only (an index on `state`), so an idle service costs one small query each time. Several replicas
 * may sweep at once: a job id is added once, and a delivery is written only while it is queued.
 */
export function startOverdueDeliverySweep(deps: {
  queue: Bull.Queue;
  deliveries: Pick<ReceiptDeliveries, 'overdue' | 'countRequeue' | 'giveUp'>;
  rollups: Pick<SalesRollups, 'recordDelivery'>;
  report: (outcome: EmailOutcome) => void;
  clock: () => Date;
  logger: Logger;
  retry?: EmailRetryOptions;
  everyMs?: number;
  overdueAfterMs?: number;
  /** Tests run it by hand. */
  schedule?: boolean;
}): OverdueDeliverySweep {
  const { queue, deliveries, logger } = deps;
  const overdueAfterMs = deps.overdueAfterMs ?? OVERDUE_AFTER_MS;

  async function settle(delivery: OverdueDelivery): Promise<'requeued' | 'gave-up' | 'left'> {
    const { _id: deliveryId, receiptId, source } = delivery;
    const jobState = await jobStateOf(queue, deliveryId);
    const action = stuckDeliveryAction(jobState, delivery.requeues);
    if (action === 'leave') return 'left';
    const at = deps.clock();
    if (action === 'give-up') {
      const reason = `its e-mail job ended without sending ${MAX_DELIVERY_REQUEUES + 1} times (last: ${jobState})`;
      if (!(await deliveries.giveUp(deliveryId, reason, at))) return 'left';
      await deps.rollups.recordDelivery({ deliveryId, receiptId, state: 'failed' });
      deps.report({ result: 'failed', reason: 'other', final: true });
      logger.error({ deliveryId, receiptId, jobState }, 'receipt e-mail given up: its job kept getting lost');
      return 'gave-up';
    }
    if (!(await deliveries.countRequeue(deliveryId, at))) return 'left';
    // A job bull still holds (failed or completed) keeps its id taken: it goes before the new one.
    if (jobState !== 'missing') await (await queue.getJob(deliveryId))?.remove();
    const job: ReceiptEmailJob = { deliveryId, receiptId, to: source };
    await queue.add(job, emailJobOptions(deliveryId, deps.retry));
    logger.warn(
      { deliveryId, receiptId, jobState, requeues: delivery.requeues + 1 },
      'receipt e-mail overdue, its job added again',
    );
    return 'requeued';
  }

  async function runNow() {
    const overdue = await deliveries.overdue(new Date(deps.clock().getTime() - overdueAfterMs), SWEEP_LIMIT);
    const counts = { requeued: 0, gaveUp: 0, left: 0 };
    for (const delivery of overdue) {
      const done = await settle(delivery);
      if (done === 'requeued') counts.requeued += 1;
      else if (done === 'gave-up') counts.gaveUp += 1;
      else counts.left += 1;
    }
    return counts;
  }

  let running: Promise<unknown> = Promise.resolve();
  const look = () => {
    running = running
      .then(runNow)
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'overdue receipt e-mails: look failed, trying again soon'),
      );
  };
  const timer = deps.schedule === false ? null : setInterval(look, deps.everyMs ?? SWEEP_EVERY_MS);
  timer?.unref();
  if (deps.schedule !== false) look();
  return {
    runNow,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
