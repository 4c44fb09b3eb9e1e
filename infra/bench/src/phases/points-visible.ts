import { createPointsWatch, isCredited, type PointsVisibility, runSchedule } from '@scontrino/pos-simulator';
import { scrapeAll } from '../observe/service-metrics.js';
import { round } from '../stats.js';
import { type AcceptedSale, BRAND, postSale } from '../traffic.js';
import type { BenchContext } from './context.js';
import { drain } from './drain.js';

/** Watched sales per second, whatever the rate: enough for percentiles, few enough not to load the service. */
const WATCHED_PER_SECOND = 3;
const POLL_MS = 100;
const DEADLINE_MS = 30_000;

/**
 * Sale → points visible, as a member refreshing the app would see it: at `rate` sales per second,
 * from sending a sale until `members.lookup` lists it among the member's credited sales.
 */
export async function measurePointsVisible(
  context: BenchContext,
  rate: number,
): Promise<PointsVisibility & { rate: number }> {
  const { options, progress } = context;
  const watch = createPointsWatch({
    every: Math.max(1, Math.round(rate / WATCHED_PER_SECOND)),
    deadlineMs: DEADLINE_MS,
    pollMs: POLL_MS,
    credited: (sale) => isCredited(context.loyalty, sale),
  });
  const accepted: AcceptedSale[] = [];
  const sales = Math.round(rate * options.pointsSeconds);
  progress.phase(`sale → points visible at ${round(rate, 1)} sales/s`, sales, 'sales');
  await runSchedule({ rate, durationMs: options.pointsSeconds * 1000, maxInFlight: 10_000 }, async () => {
    const sale = context.sales.next();
    const answer = await postSale(context.urls.receipt, sale);
    if (!answer.accepted) return;
    accepted.push(answer.accepted);
    progress.update(accepted.length);
    watch.cardSale(
      {
        tenantId: BRAND.tenantId,
        cardNumber: sale.member.cardNumber,
        transactionId: sale.sale.transactionId,
      },
      answer.accepted.sentAt,
    );
  });
  const visibility = await watch.settle();
  // The next phase starts from an idle pipeline.
  await drain(context, accepted, () => scrapeAll(context.services), options.drainSeconds * 1000);
  return { ...visibility, rate };
}
