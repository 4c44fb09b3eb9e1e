import { consumeEvents, type EventHandlers, type QueueFactory } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';

/** What the reconciliation service does with the events it subscribes to (see contracts' subscriptions). */
export const reconciliationEventHandlers: EventHandlers = {};

export interface ReconciliationJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
}

/** Starts the service's inbox worker; closing the queues stops it after its running job. */
export async function startReconciliationJobs(deps: ReconciliationJobsDeps): Promise<void> {
  await consumeEvents({
    queues: deps.queues,
    service: 'reconciliation-service',
    connection: deps.database,
    handlers: reconciliationEventHandlers,
    logger: deps.logger,
  });
}
