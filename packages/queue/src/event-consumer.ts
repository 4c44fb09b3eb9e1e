import {
  type EventEnvelope,
  eventEnvelopeSchema,
  type EventType,
  type ServiceName,
} from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import type Bull from 'bull';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { z } from 'zod';
import { withCorrelationId } from './correlation.js';
import { inboxQueueName } from './event-publisher.js';
import { processedEventId, processedEventModel } from './processed-events.js';
import type { QueueFactory } from './queue-factory.js';

export interface EventContext {
  logger: Logger;
  /** 1 on the first delivery, higher on retries. */
  attempt: number;
}

/**
 * Handles one event. Throw to have it retried with backoff; throw an error whose `retryable` is
 * `false` to fail it for good at once.
 */
export type EventHandler<T extends EventType = EventType> = (
  event: EventEnvelope<T>,
  context: EventContext,
) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export interface ConsumeEventsOptions {
  queues: QueueFactory;
  service: ServiceName;
  /** The service's own database, where `processed_events` lives. */
  connection: Connection;
  handlers: EventHandlers;
  concurrency?: number;
  logger: Logger;
}

/** Thrown for a job that is not a valid event envelope: retrying cannot fix it. */
export class InvalidEventError extends Error {
  readonly retryable = false;
  override readonly name = 'InvalidEventError';
}

/**
 * Processes the service's inbox. An event already recorded in `processed_events` is skipped;
 * otherwise its handler runs and the event is recorded after it. An event type without a
 * handler is recorded and ignored.
 *
 * The record is written after the handler, not with it: a crash in between replays the event,
 * so handlers must still be idempotent by business key (e.g. a ledger entry's unique key).
 * Resolves once set up; jobs are then processed in the background until the factory's `close()`.
 */
export async function consumeEvents(options: ConsumeEventsOptions): Promise<void> {
  const { service, handlers, concurrency = 1 } = options;
  const logger = options.logger.child({ consumer: service });
  const processed = processedEventModel(options.connection);
  await processed.init();

  const handle = async (job: Bull.Job<unknown>): Promise<void> => {
    const parsed = eventEnvelopeSchema.safeParse(job.data);
    if (!parsed.success) {
      await job.discard();
      throw new InvalidEventError(
        `job ${String(job.id)} is not an event envelope: ${z.prettifyError(parsed.error)}`,
      );
    }
    const event = parsed.data;
    const key = { _id: processedEventId(service, event.id), consumer: service, eventId: event.id };
    if (await processed.exists({ _id: key._id })) {
      logger.debug({ eventId: event.id }, 'event already processed, skipped');
      return;
    }

    const handler = handlers[event.type] as EventHandler | undefined;
    if (handler) {
      // The request the event followed from, else the event itself: what the handler does next
      // (events, calls to other services) carries it on.
      const correlationId = event.correlationId ?? event.id;
      const eventLogger = logger.child({ eventId: event.id, eventType: event.type, correlationId });
      try {
        await withCorrelationId(correlationId, () =>
          handler(event, { logger: eventLogger, attempt: job.attemptsMade + 1 }),
        );
      } catch (error) {
        if (isPermanent(error)) await job.discard();
        throw error;
      }
    }

    try {
      await processed.create({ ...key, type: event.type, processedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  };

  options.queues
    .queue(inboxQueueName(service))
    .process(concurrency, handle)
    .catch((error: unknown) => logger.error({ err: error }, 'inbox processing stopped'));
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === false;
}
