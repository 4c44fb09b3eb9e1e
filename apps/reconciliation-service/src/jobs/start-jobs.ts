import { auditRetention } from '@scontrino/audit';
import {
  consumeEvents,
  createEventPublisher,
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
  processedEventsRetention,
  type QueueFactory,
  startOutboxDispatcher,
  startRetention,
  startReencryption,
} from '@scontrino/queue';
import type { ReencryptionCounts } from '@scontrino/db';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import type { GraphDeps } from '../use-cases/linking/graph-deps.js';
import { createLinker } from '../use-cases/linking/linker.js';
import { startCustomerFacts, withCustomerFactsMarks } from './customer-facts.js';
import { reconciliationEventHandlers } from './inbox-handlers.js';
import { startSegmentSnapshots } from './segment-snapshots.js';
import { startWeeklyReport } from './weekly-report.js';
import type { WeeklyMailDeps } from '../use-cases/quality/weekly-report.js';
import { reconciliationEncryptedFields } from '../store/encrypted-fields.js';
import { type ReconciliationDataClass, reconciliationRetentionDefaults } from '../store/retention.js';

export interface ReconciliationJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
  graph: Omit<GraphDeps, 'onEvents' | 'linker'>;
  /** Inbox events handled at once (INBOX_CONCURRENCY): those of one tenant are linked as one batch. */
  inboxConcurrency?: number;
  /** Tests shorten the backoffs. */
  dispatcher?: Pick<OutboxDispatcherOptions, 'sweepIntervalMs' | 'retryDelayMs' | 'maxBackoffMs'>;
  /** Days each data class is kept (RETENTION_DAYS); the daily purge removes what is older. */
  retentionDays?: Record<ReconciliationDataClass, number>;
  /** Tests run the re-encryption by hand (`reencrypt()`), so they see the old ciphertexts first. */
  scheduleReencryption?: boolean;
  /** Tests compute the customer facts and day counters by hand (`customerFigures()`). */
  scheduleCustomerFacts?: boolean;
  /** The weekly audit report: the relay, the administrators' addresses, the till figures' source. */
  weeklyReport?: Pick<WeeklyMailDeps, 'mailer' | 'recipients' | 'till'>;
}

export interface ReconciliationJobs {
  /** Told the documents just written with events, so it dispatches them now. */
  outbox: Pick<OutboxDispatcher, 'kick'>;
  /** The graph use cases' dependencies, wired to kick the dispatcher. */
  graph: GraphDeps;
  /** Runs the retention purge now (it also runs daily); resolves with the count per data class. */
  purgeExpired(): Promise<Record<string, number>>;
  /** One re-encryption pass now (it also runs at start and daily while older keys are in the keyring). */
  reencrypt(): Promise<Record<string, ReencryptionCounts>>;
  /** Takes every tenant's RFM segment snapshot of today now (it also runs nightly): customers per tenant. */
  snapshotSegments(): Promise<Record<string, number>>;
  /** Computes the marked customers' facts and every tenant's day counters now (also within seconds of a mark, and nightly). */
  customerFigures(): Promise<{ computed: number; customers: Record<string, number> }>;
  /** Sends the weekly audit report of `week` (default: last week) now, once per tenant and week. */
  sendWeeklyReport(week?: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** Inbox events handled at once by default; see env.ts. */
export const DEFAULT_INBOX_CONCURRENCY = 32;

/**
 * Starts the inbox worker (the events it holds at once are linked in batches, one tenant's at a
 * time under its graph lock; see docs/identity.md for scaling by tenant partition), the
 * dispatcher of the outbox events, the daily retention purge and, after a key rotation, the
 * re-encryption job.
 */
export async function startReconciliationJobs(deps: ReconciliationJobsDeps): Promise<ReconciliationJobs> {
  const dispatcher = startOutboxDispatcher({
    ...deps.dispatcher,
    models: deps.graph.store.outboxModels,
    publish: createEventPublisher(deps.queues),
    logger: deps.logger,
  });
  const linking: Omit<GraphDeps, 'linker'> = {
    ...deps.graph,
    onEvents: (model, written) => dispatcher.kick(model, written),
  };
  const graph: GraphDeps = { ...linking, linker: createLinker(linking) };
  const customerFacts = await startCustomerFacts({
    queues: deps.queues,
    deps: graph,
    logger: deps.logger,
    schedule: deps.scheduleCustomerFacts !== false,
  });
  await consumeEvents({
    queues: deps.queues,
    service: 'reconciliation-service',
    connection: deps.database,
    handlers: withCustomerFactsMarks(reconciliationEventHandlers(graph), graph, () => customerFacts.marked()),
    concurrency: deps.inboxConcurrency ?? DEFAULT_INBOX_CONCURRENCY,
    logger: deps.logger,
  });
  const days = deps.retentionDays ?? reconciliationRetentionDefaults;
  const retention = await startRetention({
    queues: deps.queues,
    service: 'reconciliation-service',
    classes: [
      processedEventsRetention(deps.database, days.processed_events),
      auditRetention(deps.database, 'reconciliation-service', days.audit_log),
      {
        name: 'observation_purchases',
        keepDays: days.observation_purchases,
        purge: (before) => deps.graph.store.observations.forgetPurchasesBefore(before),
      },
    ],
    logger: deps.logger,
  });
  // After a key rotation: rewrites every declared encrypted field under the active key.
  const reencryption = await startReencryption({
    queues: deps.queues,
    service: 'reconciliation-service',
    database: deps.database,
    cipher: deps.graph.crypto.cipher,
    collections: reconciliationEncryptedFields,
    logger: deps.logger,
    schedule: deps.scheduleReencryption !== false,
  });
  const segments = await startSegmentSnapshots({
    queues: deps.queues,
    deps: graph,
    logger: deps.logger,
    before: () => customerFacts.refreshNow(),
  });
  const weekly = await startWeeklyReport({
    queues: deps.queues,
    deps: {
      store: graph.store,
      clock: graph.clock,
      mailer: deps.weeklyReport?.mailer ?? null,
      recipients: deps.weeklyReport?.recipients ?? [],
      till: deps.weeklyReport?.till,
      logger: deps.logger.child({ job: 'weekly-report' }),
    },
  });
  return {
    outbox: dispatcher,
    graph,
    purgeExpired: retention.runNow,
    reencrypt: reencryption.runNow,
    snapshotSegments: segments.runNow,
    customerFigures: () => customerFacts.runNow(),
    sendWeeklyReport: weekly.runNow,
    stop: async () => {
      customerFacts.stop();
      await dispatcher.stop();
    },
  };
}
