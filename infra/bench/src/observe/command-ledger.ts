import { setTimeout as sleep } from 'node:timers/promises';
import { type PerService, SERVICE_NAMES } from '../results.js';
import {
  addScaled,
  type Background,
  causedBy,
  difference,
  emptyCommands,
  type ServiceCommands,
  total,
} from './command-accounting.js';
import type { RedisServer } from './redis-server.js';
import {
  type CommandCounts,
  delayedJobs,
  scrapeAll,
  type ServiceEndpoint,
  type ServiceScrape,
} from './service-metrics.js';

interface Snapshot {
  at: number;
  services: PerService<ServiceScrape>;
  serverCalls: number;
}

export interface Calibration {
  background: PerService<{ db: Background; redis: Background }>;
  /** The Redis server's idle commands per ms and those of one scrape of every service. */
  server: { idlePerMs: number; perScrapeRound: number };
  /** Each queue's delayed jobs with nothing to do (scheduled jobs): see `queueBacklog`. */
  idleDelayed: Record<string, number>;
}

export interface Span {
  /** A scrape of every service while the span runs (queue depths), its cost accounted for. */
  sample(): Promise<PerService<ServiceScrape>>;
  /** Closes the span: its commands (net of idle work and scrapes) join the totals, with its sales. */
  end(sales: number): Promise<PerService<ServiceCommands>>;
}

/** How long no service's database counter may move before the services count as idle, and the longest wait for it. */
const QUIET_MS = 3_000;
const SETTLE_TIMEOUT_MS = 60_000;

/** The sum of every service's database counters. */
const databaseTotal = (services: PerService<ServiceScrape>) =>
  SERVICE_NAMES.reduce((sum, name) => sum + total(services[name].db), 0);

/**
 * Waits until no service's database counter has moved for {@link QUIET_MS} (at most
 * {@link SETTLE_TIMEOUT_MS}): work left over from what came before (the customer facts of the
 * warm-up's sales, computed up to 10 s later) is the sales' work, not idle work. Measured without
 * this, the reconciliation service's idle rate was that catch-up (14.8 commands/s), subtracted
 * from every span after it.
 */
async function settle(services: readonly ServiceEndpoint[]): Promise<void> {
  const until = performance.now() + SETTLE_TIMEOUT_MS;
  let last = databaseTotal(await scrapeAll(services));
  let quietSince = performance.now();
  while (performance.now() - quietSince < QUIET_MS && performance.now() < until) {
    await sleep(500);
    const now = databaseTotal(await scrapeAll(services));
    if (now !== last) [last, quietSince] = [now, performance.now()];
  }
}

/** The smaller of two changes by total: a back-to-back scrape with the least else going on. */
function smaller(a: CommandCounts, b: CommandCounts): CommandCounts {
  return total(a) <= total(b) ? a : b;
}

/**
 * Counts the database and Redis commands the services send for the sales the bench makes, from
 * their `/metrics` counters, over spans that hold only that work: what the services do idle and
 * what the bench's own scrapes cost are measured first and taken out.
 */
export function createCommandLedger(services: readonly ServiceEndpoint[], redis: RedisServer) {
  const caused = emptyCommands();
  let serverCaused = 0;
  let sales = 0;
  let calibration: Calibration | undefined;

  const snapshot = async (): Promise<Snapshot> => {
    const scraped = await scrapeAll(services);
    return { at: performance.now(), services: scraped, serverCalls: await redis.commandCalls() };
  };

  return {
    /** Once the services are quiet: measures what one scrape costs and what they send idle, over `idleMs`. */
    async calibrate(idleMs: number): Promise<Calibration> {
      await settle(services);
      const first = await snapshot();
      const second = await snapshot();
      const third = await snapshot();
      const background = {} as Calibration['background'];
      for (const name of SERVICE_NAMES) {
        const perScrape = (kind: 'db' | 'redis') =>
          smaller(
            difference(second.services[name][kind], first.services[name][kind]),
            difference(third.services[name][kind], second.services[name][kind]),
          );
        background[name] = {
          db: { perScrape: perScrape('db'), idlePerMs: {} },
          redis: { perScrape: perScrape('redis'), idlePerMs: {} },
        };
      }
      // Each snapshot's INFO is one command of its own.
      const perScrapeRound =
        Math.min(second.serverCalls - first.serverCalls, third.serverCalls - second.serverCalls) - 1;
      await sleep(idleMs);
      const idle = await snapshot();
      const elapsed = idle.at - third.at;
      for (const name of SERVICE_NAMES)
        for (const kind of ['db', 'redis'] as const) {
          const change = difference(idle.services[name][kind], third.services[name][kind]);
          const net = addScaled(change, background[name][kind].perScrape, -1);
          background[name][kind].idlePerMs = Object.fromEntries(
            Object.entries(net).map(([command, count]) => [command, count / elapsed]),
          );
        }
      calibration = {
        background,
        server: {
          idlePerMs: Math.max(0, idle.serverCalls - third.serverCalls - perScrapeRound - 1) / elapsed,
          perScrapeRound,
        },
        idleDelayed: delayedJobs(idle.services),
      };
      return calibration;
    },

    async begin(): Promise<Span> {
      const settings = calibration;
      if (!settings) throw new Error('calibrate the ledger before counting');
      const start = await snapshot();
      let scrapes = 0;
      return {
        async sample() {
          scrapes += 1;
          return scrapeAll(services);
        },
        async end(spanSales) {
          const end = await snapshot();
          scrapes += 1;
          const span = { durationMs: end.at - start.at, scrapes };
          const spanCommands = emptyCommands();
          for (const name of SERVICE_NAMES)
            for (const kind of ['db', 'redis'] as const) {
              const change = difference(end.services[name][kind], start.services[name][kind]);
              spanCommands[name][kind] = causedBy(change, settings.background[name][kind], span);
              caused[name][kind] = addScaled(caused[name][kind], spanCommands[name][kind], 1);
            }
          serverCaused +=
            end.serverCalls -
            start.serverCalls -
            1 -
            scrapes * settings.server.perScrapeRound -
            settings.server.idlePerMs * span.durationMs;
          sales += spanSales;
          return spanCommands;
        },
      };
    },

    /** Each queue's delayed jobs with nothing to do, as the last calibration found them. */
    idleDelayed: () => calibration?.idleDelayed ?? {},

    /** Everything counted so far, and the sales it is for. */
    totals() {
      return { caused, serverCaused, sales, calibration };
    },
  };
}

export type CommandLedger = ReturnType<typeof createCommandLedger>;
