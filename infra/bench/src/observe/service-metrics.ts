import { parseSamples } from '@scontrino/service/prometheus-text';
import type { PerService, ServiceName } from '../results.js';

/** Command name → count, as a counter reports it. */
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
}

/** One scrape of a service's `/metrics` (the bench runs on loopback, which needs no token). */
export async function scrapeService(service: ServiceEndpoint): Promise<ServiceScrape> {
  const response = await fetch(`${service.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${service.name}: GET /metrics answered ${response.status}`);
  const scrape: ServiceScrape = { db: {}, redis: {}, queues: {}, tillSales: 0 };
  for (const sample of parseSamples(await response.text())) {
    const command = sample.labels.command;
    if (sample.name === 'scontrino_db_commands_total' && command) scrape.db[command] = sample.value;
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

/**
 * Jobs not done yet across every queue the services report (a queue two services open counts
 * once): waiting and active ones, and delayed ones beyond `baselineDelayed` (the scheduled
 * retention jobs are always there; a retry waiting out its backoff is not).
 */
export function queueBacklog(scrapes: PerService<ServiceScrape>, baselineDelayed = 0): number {
  const byQueue = new Map<string, { waiting: number; active: number; delayed: number }>();
  for (const scrape of Object.values(scrapes))
    for (const [queue, counts] of Object.entries(scrape.queues)) {
      const seen = byQueue.get(queue);
      byQueue.set(queue, {
        waiting: Math.max(seen?.waiting ?? 0, counts.waiting),
        active: Math.max(seen?.active ?? 0, counts.active),
        delayed: Math.max(seen?.delayed ?? 0, counts.delayed),
      });
    }
  let pending = 0;
  let delayed = 0;
  for (const counts of byQueue.values()) {
    pending += counts.waiting + counts.active;
    delayed += counts.delayed;
  }
  return pending + Math.max(0, delayed - baselineDelayed);
}

/** Delayed jobs across the queues, counted once per queue: the idle baseline of {@link queueBacklog}. */
export function delayedJobs(scrapes: PerService<ServiceScrape>): number {
  const byQueue = new Map<string, number>();
  for (const scrape of Object.values(scrapes))
    for (const [queue, counts] of Object.entries(scrape.queues))
      byQueue.set(queue, Math.max(byQueue.get(queue) ?? 0, counts.delayed));
  return [...byQueue.values()].reduce((sum, count) => sum + count, 0);
}
