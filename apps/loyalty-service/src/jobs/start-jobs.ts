import { consumeEvents, type QueueFactory, startRetention } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { type LoyaltyDataClass, loyaltyRetention, loyaltyRetentionDefaults } from '../store/retention.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { LEDGER_UPKEEP_QUEUE, ledgerUpkeepJobOptions } from './ledger-upkeep-job.js';
import { runLedgerUpkeep } from './ledger-upkeep.js';
import { loyaltyEventHandlers } from './loyalty-event-handlers.js';

export interface LoyaltyJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
  loyalty: LoyaltyDeps;
  /** Tests and the benchmark run the upkeep by hand, with their own clock. */
  scheduleUpkeep?: boolean;
  /** Days each data class is kept (RETENTION_DAYS); the daily purge removes what is older. */
  retentionDays?: Record<LoyaltyDataClass, number>;
}

/**
 * Starts the service's inbox worker, the daily ledger upkeep and the daily retention purge;
 * closing the queues stops them after their running job. Resolves with the purge, to run by hand.
 */
export async function startLoyaltyJobs(
  deps: LoyaltyJobsDeps,
): Promise<{ purgeExpired(): Promise<Record<string, number>> }> {
  const { logger } = deps;
  await consumeEvents({
    queues: deps.queues,
    service: 'loyalty-service',
    connection: deps.database,
    handlers: loyaltyEventHandlers(deps.loyalty),
    logger,
  });
  const retention = await startRetention({
    queues: deps.queues,
    service: 'loyalty-service',
    classes: loyaltyRetention(
      deps.database,
      deps.loyalty.store,
      deps.retentionDays ?? loyaltyRetentionDefaults,
    ),
    logger,
    clock: deps.loyalty.clock,
  });
  const jobs = { purgeExpired: retention.runNow };
  if (deps.scheduleUpkeep === false) return jobs;
  const upkeepQueue = deps.queues.queue(LEDGER_UPKEEP_QUEUE);
  upkeepQueue
    .process(async () => runLedgerUpkeep(deps.loyalty, logger.child({ job: LEDGER_UPKEEP_QUEUE })))
    .catch((error: unknown) => logger.error({ err: error }, 'ledger upkeep processing stopped'));
  await upkeepQueue.add({}, ledgerUpkeepJobOptions);
  return jobs;
}
