import { ConfigError } from '@scontrino/config';
import type { ServiceName } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { createQueueFactory, type QueueFactory } from '@scontrino/queue';
import type { LevelWithSilent, Logger } from 'pino';
import type { Connection } from 'mongoose';
import type { ServiceApp } from './create-app.js';
import { exitOnSignals, listen, type RunningService } from './lifecycle.js';
import { createLogger } from './logger.js';
import { createCommandMetrics } from './metrics/command-metrics.js';
import { registerQueueDepthMetrics, trackOpenedQueues } from './metrics/queue-metrics.js';

/** The configuration every service has, whatever else it needs. */
export interface CoreEnv {
  LOG_LEVEL: LevelWithSilent;
  PORT: number;
  MONGODB_URI: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
}

export interface Infrastructure<TEnv extends CoreEnv> {
  env: TEnv;
  logger: Logger;
  database: Connection;
  queues: QueueFactory;
}

export interface StartedParts {
  service: ServiceApp;
  /** Stops the service's own dispatchers; runs before queues (and their workers) and the database close. */
  stopJobs?(): Promise<void>;
}

export interface RunServiceOptions<TEnv extends CoreEnv> {
  name: ServiceName;
  loadEnv(): TEnv;
  start(infrastructure: Infrastructure<TEnv>): Promise<StartedParts>;
}

/**
 * The `start.ts` of every service: validated configuration (or a readable message and exit 1),
 * logger, database, queues, the service's own parts, then listen and shut down on signals.
 */
export async function runService<TEnv extends CoreEnv>(
  options: RunServiceOptions<TEnv>,
): Promise<RunningService> {
  let env: TEnv;
  try {
    env = options.loadEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }

  const logger = createLogger({ service: options.name, level: env.LOG_LEVEL });
  try {
    const commands = createCommandMetrics();
    const database = await connectDatabase({
      uri: env.MONGODB_URI,
      logger,
      appName: options.name,
      onCommand: commands.onDatabaseCommand,
    });
    const tracked = trackOpenedQueues(
      createQueueFactory({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, logger }),
    );
    const queues = tracked.factory;
    const parts = await options.start({ env, logger, database, queues });
    // Every queue the service opened, counted on each scrape of /metrics.
    registerQueueDepthMetrics(parts.service.metrics, tracked.opened);
    commands.register(parts.service.metrics);
    const running = await listen({
      service: parts.service,
      logger,
      port: env.PORT,
      steps: [
        { name: 'jobs', run: async () => parts.stopJobs?.() },
        { name: 'queues', run: () => queues.close() },
        { name: 'database', run: () => closeDatabase(database) },
      ],
    });
    exitOnSignals(running, logger);
    return running;
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
}
