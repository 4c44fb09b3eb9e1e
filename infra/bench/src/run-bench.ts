import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoyaltyStaffClient } from '@scontrino/pos-simulator';
import { reconciliationClient } from '@scontrino/reconciliation-service/bench/api-client';
import { type Logger, SERVICES, type Stack, startStack, temporaryDatabaseName } from '@scontrino/stack';
import { buildServices } from './build-services.js';
import { describeMachine } from './machine.js';
import { perSale, total } from './observe/command-accounting.js';
import { createCommandLedger } from './observe/command-ledger.js';
import { trackReceiptMails } from './observe/completion.js';
import { redisServer } from './observe/redis-server.js';
import { peakRssMb } from './observe/rss.js';
import type { ServiceEndpoint } from './observe/service-metrics.js';
import type { BenchOptions } from './options.js';
import type { BenchContext } from './phases/context.js';
import { measureIngest } from './phases/ingest.js';
import { measureReconciliation, measureReencryptionRate } from './phases/other-paths.js';
import { measurePipeline } from './phases/pipeline.js';
import { measurePointsVisible } from './phases/points-visible.js';
import { measureRawCeiling } from './phases/raw-ceiling.js';
import { setUpBrand } from './phases/setup.js';
import { storeSales } from './phases/stored-sales.js';
import { warmUp } from './phases/warm-up.js';
import type { Progress } from './progress.js';
import { type BenchResults, type PerService, SERVICE_NAMES, type ServiceName } from './results.js';
import { round } from './stats.js';
import { createSaleFactory } from './traffic.js';

/** The stack's warnings and errors above the bars; its chatter stays out of the way. */
function stackLogger(progress: Progress): Logger {
  const log = (message: string) => progress.log(`stack: ${message}`);
  return { debug: () => undefined, info: () => undefined, warn: log, error: log };
}

function endpointsOf(stack: Stack): ServiceEndpoint[] {
  return SERVICE_NAMES.map((name) => {
    const service = stack.services.find((running) => running.name === name);
    if (!service) throw new Error(`the stack runs no ${name} service`);
    return { name, url: service.url, pid: service.pid, metricsToken: stack.metricsToken };
  });
}

const perService = <T>(value: (name: ServiceName) => T): PerService<T> =>
  Object.fromEntries(SERVICE_NAMES.map((name) => [name, value(name)])) as PerService<T>;

/** Stops what `runBench` started when it is interrupted (Ctrl-C). */
export interface BenchRun {
  results: Promise<BenchResults>;
  stop(): Promise<void>;
}

/**
 * One run of the bench: starts the stack, sets the brand up through the public APIs, measures
 * every phase and stops the stack again.
 */
export function runBench(options: BenchOptions, progress: Progress): BenchRun {
  let stack: Stack | undefined;
  let dataDir: string | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await stack?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    })());

  const results = (async (): Promise<BenchResults> => {
    const runId = Date.now().toString(36);
    dataDir = await mkdtemp(join(tmpdir(), 'scontrino-bench-'));
    // The members' web app plays no part in a sale.
    const services = SERVICES.filter((service) => (service.kind ?? 'service') === 'service');
    const built = options.servicesFrom === 'build';
    if (built) {
      progress.phase('building the services (tsup)', 1, 'build');
      await buildServices(services);
      progress.update(1);
    }
    progress.phase('starting the stack', 1, 'stack');
    stack = await startStack({
      withServices: true,
      dataDir,
      services,
      built,
      logger: stackLogger(progress),
      logLevel: 'warn',
      postgresql: { database: temporaryDatabaseName('bench') },
    });
    progress.update(1);
    const redis = redisServer(stack.redis.url);
    const mails = trackReceiptMails(stack.mail);
    try {
      return await measure(stack, runId, redis, mails);
    } finally {
      mails.stop();
      redis.close();
      await stop();
    }
  })();

  async function measure(
    running: Stack,
    runId: string,
    redis: ReturnType<typeof redisServer>,
    mails: ReturnType<typeof trackReceiptMails>,
  ): Promise<BenchResults> {
    const services = endpointsOf(running);
    const urls = perService((name) => services.find((service) => service.name === name)?.url ?? '');
    const staffToken = running.staff?.tokens.admin.token;
    if (!staffToken) throw new Error('the stack hands out no staff token');
    const machine = await describeMachine(running.database, await redis.version());
    const estate = await setUpBrand(
      { receiptUrl: urls.receipt, loyaltyUrl: urls.loyalty, serviceToken: running.serviceToken, staffToken },
      options,
      progress,
    );
    const ledger = createCommandLedger(services, redis);
    const context: BenchContext = {
      options,
      progress,
      stack: running,
      runId,
      services,
      urls,
      estate,
      sales: createSaleFactory(estate, runId),
      mails,
      ledger,
      loyalty: createLoyaltyStaffClient(urls.loyalty, running.serviceToken),
      reconciliation: reconciliationClient(urls.reconciliation, running.serviceToken).calls,
    };
    // Which delayed jobs are there with nothing to do (the scheduled ones).
    await ledger.calibrate(200);
    const warm = await warmUp(context);
    const template = warm.at(-1);
    if (options.storedSales > 0 && template) await storeSales(context, template, options.storedSales);

    progress.phase('idle: what the services do with nothing to do', options.quick ? 3 : 10, 's');
    const calibration = await ledger.calibrate(options.quick ? 3_000 : 10_000);
    progress.update(options.quick ? 3 : 10);

    const raw = await measureRawCeiling(context);
    const ingest = await measureIngest(context);
    const pipeline = await measurePipeline(context, ingest.perSec);
    const pointsRate = round(0.8 * (pipeline.sustained ?? options.firstRate), 1);
    const points = await measurePointsVisible(context, pointsRate);
    const reconciliation = await measureReconciliation(context);
    const reencryption = await measureReencryptionRate(context);
    const peakRss = await Promise.all(
      services.map(async (service) => [service.name, await peakRssMb(service.pid)]),
    );

    const counted = ledger.totals();
    const sales = counted.sales;
    const per = (count: number) => (sales > 0 ? round(count / sales, 2) : 0);
    const dbPerSale = perService((name) => per(total(counted.caused[name].db)));
    const redisPerSale = perService((name) => per(total(counted.caused[name].redis)));
    const idle = (kind: 'db' | 'redis') =>
      perService((name) => round(total(calibration.background[name][kind].idlePerMs) * 1000, 2));
    return {
      date: new Date().toISOString(),
      mode: options.quick ? 'quick' : 'full',
      storedSales: options.storedSales,
      machine,
      settings: {
        servicesFrom: options.servicesFrom,
        connections: options.connections,
        ingestSeconds: options.ingestSeconds,
        insertManyBatch: options.insertManyBatch,
        stepSeconds: options.stepSeconds,
        backlogSeconds: options.backlogSeconds,
        drainSeconds: options.drainSeconds,
        members: options.members,
        tills: estate.keys.size,
        reconciliationSeconds: options.reconciliationSeconds,
        reencryptionMembers: options.reencryptionMembers,
      },
      rawInsertOnePerSec: round(raw.insertOnePerSec, 1),
      rawInsertOneP99Ms: raw.insertOneP99Ms,
      rawInsertManyPerSec: round(raw.insertManyPerSec, 1),
      ingestPerSec: round(ingest.perSec, 1),
      ingestP50Ms: ingest.p50Ms,
      ingestP95Ms: ingest.p95Ms,
      ingestP99Ms: ingest.p99Ms,
      ingestAccepted: ingest.accepted,
      ingestNot201: ingest.not201,
      pipelineSustainedPerSec: pipeline.sustained,
      pipelineSteps: pipeline.steps,
      pointsVisibleAtPerSec: points.rate,
      pointsVisibleP50Ms: points.p50Ms,
      pointsVisibleP95Ms: points.p95Ms,
      pointsVisibleWatched: points.sampled,
      pointsVisibleSeen: points.visible,
      reconciliationObservationsPerSec: round(reconciliation.perSec, 1),
      reconciliationLinkP95Ms:
        reconciliation.linkP95Ms === null ? null : Math.round(reconciliation.linkP95Ms),
      reencryptionDocsPerSec: round(reencryption, 1),
      countedSales: sales,
      dbCommandsPerSale: {
        ...dbPerSale,
        total: round(
          SERVICE_NAMES.reduce((sum, name) => sum + dbPerSale[name], 0),
          2,
        ),
      },
      receiptDbCommandsPerSaleDuringIngest:
        ingest.countedSales > 0 ? round(total(ingest.duringBurst.receipt.db) / ingest.countedSales, 2) : 0,
      dbIdleCommandsPerSec: idle('db'),
      redisCommandsPerSale: {
        ...redisPerSale,
        total: round(
          SERVICE_NAMES.reduce((sum, name) => sum + redisPerSale[name], 0),
          2,
        ),
        server: per(counted.serverCaused),
      },
      redisIdleCommandsPerSec: idle('redis'),
      commandsPerSaleByCommand: perService((name) => ({
        db: perSale(counted.caused[name].db, sales),
        redis: perSale(counted.caused[name].redis, sales),
      })),
      peakRssMb: Object.fromEntries(peakRss) as PerService<number | null>,
    };
  }

  return { results, stop };
}
