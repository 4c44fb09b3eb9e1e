import {
  consumeEvents,
  createEventPublisher,
  type OutboxDispatcherOptions,
  type QueueFactory,
  startOutboxDispatcher,
  startRetention,
  startReencryption,
} from '@scontrino/queue';
import type { ReencryptionCounts } from '@scontrino/db';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { type LoyaltyDataClass, loyaltyRetention, loyaltyRetentionDefaults } from '../store/retention.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { LEDGER_UPKEEP_QUEUE, ledgerUpkeepJobOptions } from './ledger-upkeep-job.js';
import { runLedgerUpkeep } from './ledger-upkeep.js';
import { loyaltyEventHandlers } from './loyalty-event-handlers.js';
import { loyaltyEncryptedFields } from '../store/encrypted-fields.js';
import { ledgerEntryModel } from '../store/ledger-model.js';
import { memberEnrolmentModel } from '../store/member-enrolments.js';
import { loyaltyOutboxModels } from '../store/outbox-models.js';
import { saleModel } from '../store/sales.js';

export interface LoyaltyJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
  loyalty: LoyaltyDeps;
  /** Tests and the benchmark run the upkeep by hand, with their own clock. */
  scheduleUpkeep?: boolean;
  /** Tests run the re-encryption by hand (`reencrypt()`), so they see the old ciphertexts first. */
  scheduleReencryption?: boolean;
  /** Days each data class is kept (RETENTION_DAYS); the daily purge removes what is older. */
  retentionDays?: Record<LoyaltyDataClass, number>;
  /** How many inbox events are handled at once (INBOX_CONCURRENCY). */
  inboxConcurrency?: number;
  /** Tests shorten the poll and the backoffs. */
  dispatcher?: Pick<OutboxDispatcherOptions, 'sweepIntervalMs' | 'retryDelayMs' | 'maxBackoffMs'>;
}

export interface LoyaltyJobs {
  purgeExpired(): Promise<Record<string, number>>;
  reencrypt(): Promise<Record<string, ReencryptionCounts>>;
  /** Stops the outbox dispatcher after its round in flight; closing the queues stops the workers. */
  stop(): Promise<void>;
}

/**
 * Starts the service's inbox worker, the dispatcher that sends the events its writes record
 * (`sale.credited`), the daily ledger upkeep, the daily retention purge and, after a key
 * rotation, the re-encryption job; closing the queues stops them after their running job.
 * Resolves with the purge and the re-encryption, to run by hand.
 */
export async function startLoyaltyJobs(deps: LoyaltyJobsDeps): Promise<LoyaltyJobs> {
  const { logger } = deps;
  const dispatcher = startOutboxDispatcher({
    ...deps.dispatcher,
    models: loyaltyOutboxModels(deps.database),
    publish: createEventPublisher(deps.queues),
    logger,
  });
  // Handed the documents as inserted: the dispatcher reads nothing back, and sweeps only at
  // start and every minute for what a crash left behind.
  deps.loyalty.store.ledger.onEvents((written) => dispatcher.kick(ledgerEntryModel(deps.database), written));
  deps.loyalty.sales.onEvents((written) => dispatcher.kick(saleModel(deps.database), written));
  deps.loyalty.store.enrolments.onEvents((written) =>
    dispatcher.kick(memberEnrolmentModel(deps.database), written),
  );
  await consumeEvents({
    queues: deps.queues,
    service: 'loyalty-service',
    connection: deps.database,
    handlers: loyaltyEventHandlers(deps.loyalty),
    concurrency: deps.inboxConcurrency ?? 1,
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
  // After a key rotation: rewrites every declared encrypted field under the active key.
  const reencryption = await startReencryption({
    queues: deps.queues,
    service: 'loyalty-service',
    database: deps.database,
    cipher: deps.loyalty.crypto.cipher,
    collections: loyaltyEncryptedFields,
    logger: deps.logger,
    schedule: deps.scheduleReencryption !== false,
  });
  const jobs = {
    purgeExpired: retention.runNow,
    reencrypt: reencryption.runNow,
    stop: () => dispatcher.stop(),
  };
  if (deps.scheduleUpkeep === false) return jobs;
  const upkeepQueue = deps.queues.queue(LEDGER_UPKEEP_QUEUE);
  upkeepQueue
    .process(async () => runLedgerUpkeep(deps.loyalty, logger.child({ job: LEDGER_UPKEEP_QUEUE })))
    .catch((error: unknown) => logger.error({ err: error }, 'ledger upkeep processing stopped'));
  await upkeepQueue.add({}, ledgerUpkeepJobOptions);
  return jobs;
}
