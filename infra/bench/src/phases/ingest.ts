import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { ServiceCommands } from '../observe/command-accounting.js';
import { scrapeService } from '../observe/service-metrics.js';
import type { PerService } from '../results.js';
import { perSecond, summarizeLatencies } from '../stats.js';
import { type AcceptedSale, acceptedFrom, type BenchSale } from '../traffic.js';
import type { BenchContext } from './context.js';
import { drain } from './drain.js';

export interface Ingest {
  perSec: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  accepted: number;
  not201: number;
  /** Sales the receipt service counted as 201 over the burst (its `http_requests_total`): the count commands are divided by. */
  countedSales: number;
  /** Commands the services sent while the burst ran. */
  duringBurst: PerService<ServiceCommands>;
  drainMs: number | null;
}

/** The receipt service's own count of sales it answered 201. */
async function answered201(context: BenchContext): Promise<number> {
  const receipt = context.services.find((service) => service.name === 'receipt');
  if (!receipt) throw new Error('no receipt service');
  return (await scrapeService(receipt)).tillSales;
}

const DRAIN_BOUND_MS = 5 * 60_000;

interface ConnectionState {
  sale?: BenchSale;
  sentAt?: number;
}

/**
 * POS sales accepted per second at a fixed number of connections (autocannon), each request a new
 * valid sale with its own Idempotency-Key; then the pipeline drains the burst, counted too.
 */
export async function measureIngest(context: BenchContext): Promise<Ingest> {
  const { options, progress, ledger } = context;
  const accepted: AcceptedSale[] = [];
  const latencies: number[] = [];
  let not201 = 0;
  const before201 = await answered201(context);
  const burst = await ledger.begin();
  progress.phase(`ingest: ${options.connections} connections`, options.ingestSeconds, 's');
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${context.urls.receipt}/v1/transactions`,
        method: 'POST',
        connections: options.connections,
        duration: options.ingestSeconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (request, state: ConnectionState) => {
              const sale = context.sales.next();
              state.sale = sale;
              state.sentAt = performance.now();
              return {
                ...request,
                body: JSON.stringify(sale.sale),
                headers: {
                  ...request.headers,
                  'content-type': 'application/json',
                  authorization: `Bearer ${sale.terminalKey}`,
                  'idempotency-key': randomUUID(),
                },
              };
            },
            onResponse: (status, body, state: ConnectionState) => {
              const { sale, sentAt } = state;
              if (!sale || sentAt === undefined) return;
              latencies.push(performance.now() - sentAt);
              const sold = status === 201 ? acceptedFrom(body, sale, sentAt) : null;
              if (sold) accepted.push(sold);
              else not201 += 1;
              if (accepted.length === options.ingestMaxSales) instance.stop();
            },
          },
        ],
      },
      (error: unknown, done: autocannon.Result) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
          : resolve(done),
    );
    instance.on('tick', () =>
      progress.update((performance.now() - started) / 1000, `${accepted.length} accepted, ${not201} other`),
    );
  });
  const elapsedMs = performance.now() - started;
  const duringBurst = await burst.end(0);
  const countedSales = (await answered201(context)) - before201;

  const drainSpan = await ledger.begin();
  progress.phase('ingest: the burst drains', countedSales, 'sales');
  // Work left over would be counted against the next phase's sales: wait long.
  const drainMs = await drain(
    context,
    accepted,
    () => drainSpan.sample(),
    DRAIN_BOUND_MS,
    (_elapsed, left) => progress.update(countedSales - left, `${left} in flight`),
  );
  if (drainMs === null)
    progress.log(`ingest: the burst had not drained after ${DRAIN_BOUND_MS / 60_000} minutes`);
  await drainSpan.end(countedSales);
  const summary = summarizeLatencies(latencies);
  return {
    perSec: perSecond(accepted.length, elapsedMs),
    p50Ms: summary.p50Ms,
    p95Ms: summary.p95Ms,
    p99Ms: summary.p99Ms,
    accepted: accepted.length,
    // Requests cut off at the end, or that failed without an answer, are not 201s either.
    not201: not201 + result.errors + result.timeouts,
    countedSales,
    duringBurst,
    drainMs,
  };
}
