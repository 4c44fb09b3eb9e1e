import { consumeEvents, type QueueFactory } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
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
}

/**
 * Starts the service's inbox worker and the daily ledger upkeep; closing the queues stops both
 * after their running job.
 */
export async function startLoyaltyJobs(deps: LoyaltyJobsDeps): Promise<void> {
  const { logger } = deps;
  await consumeEvents({
    queues: deps.queues,
    service: 'loyalty-service',
    connection: deps.database,
    handlers: loyaltyEventHandlers(deps.loyalty),
    logger,
  });
  if (deps.scheduleUpkeep === false) return;
  const upkeepQueue = deps.queues.queue(LEDGER_UPKEEP_QUEUE);
  upkeepQueue
    .process(async () => runLedgerUpkeep(deps.loyalty, logger.child({ job: LEDGER_UPKEEP_QUEUE })))
    .catch((error: unknown) => logger.error({ err: error }, 'ledger upkeep processing stopped'));
  await upkeepQueue.add({}, ledgerUpkeepJobOptions);
}
