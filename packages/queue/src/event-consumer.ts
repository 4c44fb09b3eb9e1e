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
import { type MicroBatcher, microBatcher } from './micro-batch.js';
import { inboxQueueName } from './event-publisher.js';
import { processedEventId, processedEventModel, processedEventRecorder } from './processed-events.js';
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

/**
 * Handles the events of one type that jobs running at once hand over together (see
 * {@link consumeEvents}). Resolves with one outcome per event, in order: `undefined` when it is
 * done, an `Error` to fail that event alone (retried, or failed for good when its `retryable` is
 * `false`). Rejecting fails every event of the batch; each is then retried on its own schedule.
 */
export type EventBatchHandler<T extends EventType = EventType> = (
  events: readonly EventEnvelope<T>[],
  context: EventBatchContext<T>,
) => Promise<readonly (Error | undefined)[]>;

export interface EventBatchContext<T extends EventType = EventType> {
  logger: Logger;
  /** The logger of one event of the batch, with its id, type and correlation id. */
  loggerOf: (event: EventEnvelope<T>) => Logger;
}

/**
 * How the consumer knows an event it has handled before (bull drops a second job with the same id
 * only while the first is kept, 7 days). `processed-events`, the default: it looks the event up
 * in `processed_events` before the handler and records it after. `handler`: the handler's own
 * writes are keyed by the event (an insert whose unique key the event fixes: a duplicate means
 * "done before"), so a replay changes nothing by construction and the consumer neither reads
 * nor writes a record: two database commands fewer per event.
 */
export type ReplayGuard = 'processed-events' | 'handler';

/** A handler with how replays are recognised, or a batch handler. */
export type EventHandlerSpec<T extends EventType = EventType> =
  | EventHandler<T>
  | { handle: EventHandler<T>; replays?: ReplayGuard }
  | {
      handleBatch: EventBatchHandler<T>;
      replays?: ReplayGuard;
      /** Most events in one batch; default the consumer's concurrency (a batch holds the jobs running at once). */
      maxBatch?: number;
      /** How long a batch waits for more events after its first, unless full; default 10 ms. */
      maxWaitMs?: number;
    };
export type EventHandlers = { [T in EventType]?: EventHandlerSpec<T> };

export interface ConsumeEventsOptions {
  queues: QueueFactory;
  service: ServiceName;
  /** The service's own database, where `processed_events` lives. */
  connection: Connection;
  handlers: EventHandlers;
  /**
   * Jobs handled at once (default 1). Above 1, the records of jobs that finish together share
   * one insert (per event, one look-up by `_id` and a share of one insert), and a batch handler
   * gets the events of the jobs running together at once.
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
 * handler is recorded and ignored. A handler declared with `replays: 'handler'` is trusted to
 * recognise a replay by its own keys: its events are neither looked up nor recorded.
 *
 * The record is written after the handler, not with it: a crash in between replays the event,
 * so handlers must still be idempotent by business key (e.g. a ledger entry's unique key).
 *
 * Jobs running at the same time share writes. A job hands its record over and waits; the records
 * go in one insert once every running job waits on a batch (or after a few milliseconds). A batch
 * handler gets the events of the jobs handed over within `maxWaitMs` of the first (10 ms), or
 * `maxBatch` of them: under load the database sees one batch of work where it saw one per event,
 * and an idle consumer handles a lone event 10 ms later. bull sees every job on its own: each completes, fails and retries with its own outcome.
 * Resolves once set up; jobs are then processed in the background until the factory's `close()`.
 */
/**
 * How long an event batch waits for more after its first event: enough for the jobs of a burst,
 * which bull fetches one round trip each, to join it.
 */
export const EVENT_BATCH_WAIT_MS = 10;

export async function consumeEvents(options: ConsumeEventsOptions): Promise<void> {
  const { service, handlers, concurrency = 1 } = options;
  const logger = options.logger.child({ consumer: service });
  const processed = processedEventModel(options.connection);
  await processed.init();
  const records = processedEventRecorder(processed, concurrency);
  const batchers = new Map<EventType, MicroBatcher<EventEnvelope, undefined>>();
  // Jobs running and not waiting on a batch: once none is left, records wait no longer. Event
  // batches do not go early that way: bull fetches the jobs of a burst one by one, and the first
  // to arrive would go alone; they go when full or after their wait.
  let busy = 0;

  const loggerOf = (event: EventEnvelope) =>
    logger.child({
      eventId: event.id,
      eventType: event.type,
      correlationId: event.correlationId ?? event.id,
    });

  /** Waits for a batch the job has handed something to; records go once nobody else may add. */
  const waitOn = async <T>(handedOver: Promise<T>): Promise<T> => {
    busy -= 1;
    if (busy === 0) records.flush();
    try {
      return await handedOver;
    } finally {
      busy += 1;
    }
  };

  for (const [type, spec] of Object.entries(handlers) as [EventType, EventHandlerSpec][]) {
    if (typeof spec !== 'object' || !('handleBatch' in spec)) continue;
    const { handleBatch } = spec;
    batchers.set(
      type,
      microBatcher<EventEnvelope, undefined>({
        maxSize: spec.maxBatch ?? concurrency,
        maxWaitMs: spec.maxWaitMs ?? EVENT_BATCH_WAIT_MS,
        run: (events) => handleBatch(events, { logger, loggerOf }),
      }),
    );
  }

  const handle = async (job: Bull.Job<unknown>): Promise<void> => {
    busy += 1;
    try {
      const parsed = eventEnvelopeSchema.safeParse(job.data);
      if (!parsed.success) {
        await job.discard();
        throw new InvalidEventError(
          `job ${String(job.id)} is not an event envelope: ${z.prettifyError(parsed.error)}`,
        );
      }
      const event = parsed.data;
      const spec = handlers[event.type] as EventHandlerSpec | undefined;
      const guarded = typeof spec !== 'object' || spec.replays !== 'handler';
      const key = { _id: processedEventId(service, event.id), consumer: service, eventId: event.id };
      if (guarded && (await processed.exists({ _id: key._id }))) {
        logger.debug({ eventId: event.id }, 'event already processed, skipped');
        return;
      }
      try {
        await run(event, spec, job);
      } catch (error) {
        if (isPermanent(error)) await job.discard();
        throw error;
      }
      if (guarded) await waitOn(records.add({ ...key, type: event.type, processedAt: new Date() }));
    } finally {
      busy -= 1;
      if (busy === 0) records.flush();
    }
  };

  /** The event's handler, alone or in its batch, with the request it followed from as correlation id. */
  const run = async (event: EventEnvelope, spec: EventHandlerSpec | undefined, job: Bull.Job<unknown>) => {
    if (spec === undefined) return;
    const batcher = batchers.get(event.type);
    if (batcher) {
      await waitOn(batcher.add(event));
      return;
    }
    const handler = typeof spec === 'function' ? spec : 'handle' in spec ? spec.handle : undefined;
    if (!handler) return;
    // The request the event followed from, else the event itself: what the handler does next
    // (events, calls to other services) carries it on.
    const correlationId = event.correlationId ?? event.id;
    await withCorrelationId(correlationId, () =>
      handler(event, { logger: loggerOf(event), attempt: job.attemptsMade + 1 }),
    );
  };

  options.queues
    .queue(inboxQueueName(service))
    .process(concurrency, handle)
    .catch((error: unknown) => logger.error({ err: error }, 'inbox processing stopped'));
}

function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === false;
}
