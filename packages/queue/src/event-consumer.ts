import {
  type EventEnvelope,
  eventEnvelopeSchema,
  type EventType,
  type ServiceName,
} from '@scontrino/contracts';
import type Bull from 'bull';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { z } from 'zod';
import { withCorrelationId } from './correlation.js';
import { inboxQueueName } from './event-publisher.js';
import {
  type ProcessedEvent,
  processedEventId,
  processedEventModel,
  processedEventRecorder,
} from './processed-events.js';
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
  /**
   * Jobs handled at once (default 1). Above 1, the records of jobs that finish together share
   * one insert: per event, one look-up by `_id` and a share of one insert.
   */
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
 * Records of jobs running at the same time are inserted together: a job hands its record over,
 * and the batch goes once every job running has handed over or finished (or after a few
 * milliseconds); each job completes only once its own record is stored.
 * Resolves once set up; jobs are then processed in the background until the factory's `close()`.
 */
export async function consumeEvents(options: ConsumeEventsOptions): Promise<void> {
  const { service, handlers, concurrency = 1 } = options;
  const logger = options.logger.child({ consumer: service });
  const processed = processedEventModel(options.connection);
  await processed.init();
  const records = processedEventRecorder(processed, concurrency);
  // Jobs that may still hand over a record: once none is left, waiting longer gains nothing.
  let running = 0;

  const handle = async (job: Bull.Job<unknown>): Promise<void> => {
    running += 1;
    let handedOver = false;
    const handOver = () => {
      if (handedOver) return;
      handedOver = true;
      running -= 1;
      if (running === 0) records.flush();
    };
    try {
      const record = await handleEvent(job);
      if (!record) return;
      const stored = records.add(record);
      handOver();
      await stored;
    } finally {
      handOver();
    }
  };

  /** Runs the event's handler unless it was processed before; resolves with the record to store. */
  const handleEvent = async (job: Bull.Job<unknown>): Promise<ProcessedEvent | null> => {
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
      return null;
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

    return { ...key, type: event.type, processedAt: new Date() };
  };

  options.queues
    .queue(inboxQueueName(service))
    .process(concurrency, handle)
    .catch((error: unknown) => logger.error({ err: error }, 'inbox processing stopped'));
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === false;
}
