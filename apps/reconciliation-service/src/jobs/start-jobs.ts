import {
  consumeEvents,
  createEventPublisher,
  type OutboxDispatcherOptions,
  type QueueFactory,
  startOutboxDispatcher,
} from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import type { GraphDeps } from '../linking/graph-deps.js';
import { reconciliationEventHandlers } from './inbox-handlers.js';

export interface ReconciliationJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
  graph: Omit<GraphDeps, 'onEvents'>;
  /** Tests shorten the poll and the backoffs. */
  dispatcher?: Pick<OutboxDispatcherOptions, 'pollIntervalMs' | 'maxBackoffMs'>;
}

export interface ReconciliationJobs {
  /** Dispatch right after a write that recorded events, rather than at the next poll. */
  outbox: { kick(): void };
  /** The graph use cases' dependencies, wired to kick the dispatcher. */
  graph: GraphDeps;
  stop(): Promise<void>;
}

/**
 * Starts the inbox worker (concurrency 1: graph mutations of a tenant are serialised; see
 * docs/identity.md for scaling by tenant partition) and the dispatcher of the outbox events.
 */
export async function startReconciliationJobs(deps: ReconciliationJobsDeps): Promise<ReconciliationJobs> {
  const dispatcher = startOutboxDispatcher({
    ...deps.dispatcher,
    models: deps.graph.store.outboxModels,
    publish: createEventPublisher(deps.queues),
    logger: deps.logger,
  });
  const graph: GraphDeps = { ...deps.graph, onEvents: () => dispatcher.kick() };
  await consumeEvents({
    queues: deps.queues,
    service: 'reconciliation-service',
    connection: deps.database,
    handlers: reconciliationEventHandlers(graph),
    concurrency: 1,
    logger: deps.logger,
  });
  return { outbox: dispatcher, graph, stop: () => dispatcher.stop() };
}
