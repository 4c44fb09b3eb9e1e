import { runSchedule } from '@scontrino/pos-simulator';
import { scrapeAll } from '../observe/service-metrics.js';
import { type AcceptedSale, postSale } from '../traffic.js';
import type { BenchContext } from './context.js';
import { drain } from './drain.js';

const WARM_UP_SALES = 20;
const WARM_UP_RATE = 10;

/**
 * A few sales through the whole pipeline before anything is measured: connections opened,
 * code compiled, caches filled. Resolves the sales, the last of them done end to end.
 */
export async function warmUp(context: BenchContext): Promise<AcceptedSale[]> {
  const { progress } = context;
  progress.phase('warm-up', WARM_UP_SALES, 'sales');
  const accepted: AcceptedSale[] = [];
  await runSchedule({ rate: WARM_UP_RATE, count: WARM_UP_SALES, maxInFlight: WARM_UP_SALES }, async () => {
    const answer = await postSale(context.urls.receipt, context.sales.next());
    if (!answer.accepted) throw new Error(`a warm-up sale was answered ${answer.status}`);
    accepted.push(answer.accepted);
    progress.update(accepted.length);
  });
  const drained = await drain(context, accepted, () => scrapeAll(context.services), 120_000);
  if (drained === null)
    throw new Error('the warm-up sales did not get through the pipeline within 2 minutes');
  return accepted;
}
