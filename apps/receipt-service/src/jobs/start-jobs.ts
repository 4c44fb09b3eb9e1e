import {
  consumeEvents,
  createEventPublisher,
  type EventHandlers,
  type OutboxDispatcherOptions,
  type OutboxModel,
  type QueueFactory,
  startOutboxDispatcher,
} from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';

/** What the receipt service does with the events it subscribes to (see contracts' subscriptions). */
export const receiptEventHandlers: EventHandlers = {};

export interface ReceiptJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
  /** The models whose documents record events (`ReceiptStore.outboxModels`). */
  outboxModels: readonly OutboxModel[];
  /** Tests shorten the poll and the backoff. */
  dispatcher?: Pick<OutboxDispatcherOptions, 'pollIntervalMs' | 'maxBackoffMs'>;
}

export interface ReceiptJobs {
  /** Dispatch right after a write that recorded events, rather than at the next poll. */
  outbox: { kick(): void };
  /** Stops the outbox dispatcher after its round in flight; closing the queues stops the inbox. */
  stop(): Promise<void>;
}

/** Starts the service's inbox worker and the dispatcher that moves outbox events to Redis. */
export async function startReceiptJobs(deps: ReceiptJobsDeps): Promise<ReceiptJobs> {
  await consumeEvents({
    queues: deps.queues,
    service: 'receipt-service',
    connection: deps.database,
    handlers: receiptEventHandlers,
    logger: deps.logger,
  });
  const dispatcher = startOutboxDispatcher({
    ...deps.dispatcher,
    models: deps.outboxModels,
    publish: createEventPublisher(deps.queues),
    logger: deps.logger,
  });
  return { outbox: dispatcher, stop: () => dispatcher.stop() };
}
