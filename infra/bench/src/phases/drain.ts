import { setTimeout as sleep } from 'node:timers/promises';
import type { Span } from '../observe/command-ledger.js';
import { queueBacklog } from '../observe/service-metrics.js';
import type { AcceptedSale } from '../traffic.js';
import type { BenchContext } from './context.js';

/** Sales accepted and not yet e-mailed, or jobs in the busiest queue, whichever is more: work in flight. */
export async function backlogNow(
  context: BenchContext,
  sales: readonly AcceptedSale[],
  scrape: () => ReturnType<Span['sample']>,
): Promise<number> {
  const unmailed = sales.length - context.mails.count(sales);
  return Math.max(unmailed, queueBacklog(await scrape(), context.ledger.idleDelayed()));
}

/**
 * Waits until every sale is e-mailed and every queue is empty, or `boundMs` has passed. Resolves
 * how long it took, or null when the bound ran out. The queues are read through `scrape` (a span's,
 * so that its cost is accounted for) only once the mails are in.
 */
export async function drain(
  context: BenchContext,
  sales: readonly AcceptedSale[],
  scrape: () => ReturnType<Span['sample']>,
  boundMs: number,
  onWait: (elapsedMs: number, left: number) => void = () => undefined,
): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    const unmailed = sales.length - context.mails.count(sales);
    if (unmailed === 0) {
      const queued = queueBacklog(await scrape(), context.ledger.idleDelayed());
      if (queued === 0) return performance.now() - started;
      onWait(elapsed, queued);
    } else onWait(elapsed, unmailed);
    if (elapsed > boundMs) return null;
    await sleep(unmailed === 0 ? 500 : 200);
  }
}
