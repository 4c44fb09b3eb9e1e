import { parseSamples } from '@scontrino/service/prometheus-text';
import type { PerService, ServiceName } from '../results.js';

/** Command name (with the collection it names, `find receipts`, where the counter tells) → count. */
export type CommandCounts = Record<string, number>;

export interface ServiceScrape {
  db: CommandCounts;
  redis: CommandCounts;
  /** Jobs by queue: waiting, active and delayed, as `queue_jobs` reports them. */
  queues: Record<string, { waiting: number; active: number; delayed: number }>;
  /** `POST /v1/transactions` answered 201 (the receipt service's; 0 elsewhere). */
  tillSales: number;
}

export interface ServiceEndpoint {
  name: ServiceName;
  url: string;
  pid: number;
  /** The bearer its `/metrics` asks for (the stack's `METRICS_TOKEN`). */
  metricsToken: string;
}

/** One scrape of a service's `/metrics`, with the stack's scrape token. */
export async function scrapeService(service: ServiceEndpoint): Promise<ServiceScrape> {
  const response = await fetch(`${service.url}/metrics`, {
    headers: { authorization: `Bearer ${service.metricsToken}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${service.name}: GET /metrics answered ${response.status}`);
  const scrape: ServiceScrape = { db: {}, redis: {}, queues: {}, tillSales: 0 };
  for (const sample of parseSamples(await response.text())) {
    const command = sample.labels.command;
    if (sample.name === 'scontrino_db_commands_total' && command) {
      const { collection } = sample.labels;
      const key = collection ? `${command} ${collection}` : command;
      scrape.db[key] = (scrape.db[key] ?? 0) + sample.value;
    }
    if (sample.name === 'scontrino_redis_commands_total' && command) scrape.redis[command] = sample.value;
    const { queue, state, method, route, status } = sample.labels;
    if (
      sample.name === 'http_requests_total' &&
      method === 'POST' &&
      route === '/v1/transactions' &&
      status === '201'
    )
      scrape.tillSales = sample.value;
    if (
      sample.name === 'queue_jobs' &&
      queue &&
      (state === 'waiting' || state === 'active' || state === 'delayed')
    )
      (scrape.queues[queue] ??= { waiting: 0, active: 0, delayed: 0 })[state] = sample.value;
  }
  return scrape;
}

export async function scrapeAll(services: readonly ServiceEndpoint[]): Promise<PerService<ServiceScrape>> {
  const scrapes = await Promise.all(
    services.map(async (service) => [service.name, await scrapeService(service)]),
  );
  return Object.fromEntries(scrapes) as PerService<ServiceScrape>;
}

/** Each queue's counts, a queue that several services report taken once (the largest). */
function byQueue(
  scrapes: PerService<ServiceScrape>,
): Map<string, { waiting: number; active: number; delayed: number }> {
  const queues = new Map<string, { waiting: number; active: number; delayed: number }>();
  for (const scrape of Object.values(scrapes))
    for (const [queue, counts] of Object.entries(scrape.queues)) {
      const seen = queues.get(queue);
      queues.set(queue, {
        waiting: Math.max(seen?.waiting ?? 0, counts.waiting),
        active: Math.max(seen?.active ?? 0, counts.active),
        delayed: Math.max(seen?.delayed ?? 0, counts.delayed),
      });
    }
  return queues;
}

/**
 * The jobs not done yet in the busiest queue: waiting and active ones, and delayed ones beyond
 * those the queue holds idle (`idleDelayed`: scheduled jobs are always delayed; a retry waiting
 * out its backoff is not). The busiest queue, not the sum: one sale is a job in each service's
 * inbox, and the backlog is compared with sales.
 */
export function queueBacklog(
  scrapes: PerService<ServiceScrape>,
  idleDelayed: Record<string, number> = {},
): number {
  let busiest = 0;
  for (const [queue, counts] of byQueue(scrapes)) {
    const retrying = Math.max(0, counts.delayed - (idleDelayed[queue] ?? 0));
    busiest = Math.max(busiest, counts.waiting + counts.active + retrying);
  }
  return busiest;
}

/** Delayed jobs of each queue: the idle baseline of {@link queueBacklog}. */
export function delayedJobs(scrapes: PerService<ServiceScrape>): Record<string, number> {
  return Object.fromEntries([...byQueue(scrapes)].map(([queue, counts]) => [queue, counts.delayed]));
}
