import {
  type EventEnvelope,
  eventEnvelopeSchema,
  type ServiceName,
  subscribersOf,
} from '@scontrino/contracts';
import { correlated } from './correlation.js';
import type { QueueFactory } from './queue-factory.js';

export type PublishEvent = (event: EventEnvelope) => Promise<void>;

/** bull has no fan-out: each subscribing service reads its own inbox queue. */
export function inboxQueueName(service: ServiceName): string {
  return `inbox:${service}`;
}

/**
 * Puts one copy of the event into the inbox of every subscriber of its type, with the event id
 * as `jobId`: bull ignores a second add while the first job is kept (a week after completion),
 * so publishing again after a crash or a retry does not duplicate work.
 */
export function createEventPublisher(queues: QueueFactory): PublishEvent {
  return async (event) => {
    const envelope = eventEnvelopeSchema.parse(correlated(event));
    await Promise.all(
      subscribersOf(envelope.type).map((service) =>
        queues.queue(inboxQueueName(service)).add(envelope, { jobId: envelope.id }),
      ),
    );
  };
}
