import { consumeEvents, type EventHandlers, type QueueFactory } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';

/** What the loyalty service does with the events it subscribes to (see contracts' subscriptions). */
export const loyaltyEventHandlers: EventHandlers = {};

export interface LoyaltyJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
}

/** Starts the service's inbox worker; closing the queues stops it after its running job. */
export async function startLoyaltyJobs(deps: LoyaltyJobsDeps): Promise<void> {
  await consumeEvents({
    queues: deps.queues,
    service: 'loyalty-service',
    connection: deps.database,
    handlers: loyaltyEventHandlers,
    logger: deps.logger,
  });
}
