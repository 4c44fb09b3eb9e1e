import { consumeEvents, type EventHandlers, type QueueFactory } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';

/** What the receipt service does with the events it subscribes to (see contracts' subscriptions). */
export const receiptEventHandlers: EventHandlers = {};

export interface ReceiptJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
}

/** Starts the service's inbox worker; closing the queues stops it after its running job. */
export async function startReceiptJobs(deps: ReceiptJobsDeps): Promise<void> {
  await consumeEvents({
    queues: deps.queues,
    service: 'receipt-service',
    connection: deps.database,
    handlers: receiptEventHandlers,
    logger: deps.logger,
  });
}
