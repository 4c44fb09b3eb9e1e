import { eventEnvelopeSchema } from '@scontrino/contracts';
import type { Collection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import type { PublishEvent } from './event-publisher.js';

/** Any mongoose model whose schema includes `outboxFields`. */
export interface OutboxModel {
  readonly modelName: string;
  readonly collection: Collection;
}

export interface OutboxDispatcherOptions {
  models: readonly OutboxModel[];
  /** Usually `createEventPublisher(queues)`. */
  publish: PublishEvent;
  logger: Logger;
  pollIntervalMs?: number;
  /** Documents read per model and round. */
  batchSize?: number;
  /** Upper bound of the wait after consecutive failures (Redis or the database down). */
  maxBackoffMs?: number;
}

export interface OutboxDispatcher {
  /** Dispatch now, e.g. right after a write that recorded events, instead of at the next poll. */
  kick(): void;
  /** Stops polling and waits for the round in flight. */
  stop(): Promise<void>;
}

const DEFAULTS = { pollIntervalMs: 1_000, batchSize: 100, maxBackoffMs: 30_000 };

/**
 * Moves events from the outboxes of documents to Redis. For each event, oldest first: publish,
 * then pop it off the document only if it is still first (`$pop` guarded by `outbox.0.id`),
 * then clear `outboxPending` only if the outbox is empty (`$size: 0`), so an event pushed
 * meanwhile keeps its document pending. FerretDB v1 ignores `$pull` with a condition, hence `$pop`.
 *
 * At least once, never lost: a crash after publishing and before the pop publishes the event
 * again (same jobId; consumers dedupe). A failed publish ends the round; the event stays in its
 * document and the next round, after exponential backoff, tries again. Several dispatchers may
 * run at once (one per replica): they only cause duplicate publishes, which are deduped.
 * Updates go through the raw collection so that model middleware and timestamps stay untouched.
 */
export function startOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { models, publish, logger } = options;
  const { pollIntervalMs, batchSize, maxBackoffMs } = { ...DEFAULTS, ...options };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let rerun = false;
  let failures = 0;

  /** Dispatches one batch of the model's pending documents; true if a full batch made progress. */
  async function dispatchBatch(model: OutboxModel): Promise<boolean> {
    const documents = await model.collection
      .find({ outboxPending: true }, { projection: { outbox: 1 }, limit: batchSize })
      .toArray();
    let published = 0;
    for (const document of documents) {
      const outbox: unknown[] = Array.isArray(document.outbox) ? document.outbox : [];
      let emptied = false;
      for (const stored of outbox) {
        const parsed = eventEnvelopeSchema.safeParse(stored);
        if (!parsed.success) {
          // Left in place, never dropped: it blocks only the events of its own document.
          logger.error(
            { model: model.modelName, documentId: document._id, issues: parsed.error.issues },
            'invalid event in outbox',
          );
          break;
        }
        await publish(parsed.data);
        published += 1;
        emptied = await removeFirstEvent(model, document._id, parsed.data.id);
      }
      if (!emptied) {
        await model.collection.updateOne(
          { _id: document._id, outbox: { $size: 0 } },
          { $set: { outboxPending: false } },
        );
      }
    }
    // Without progress, a full batch may be documents stuck on invalid events: wait for the next poll.
    return documents.length === batchSize && published > 0;
  }

  /**
   * Removes the published event, guarded by its id. When it is the only one left, the same write
   * clears `outboxPending` (one write per event in the usual case); an event pushed meanwhile makes
   * that guard miss, and the event is then removed alone, leaving the document pending.
   */
  async function removeFirstEvent(
    model: OutboxModel,
    id: mongo.WithId<mongo.Document>['_id'],
    eventId: string,
  ): Promise<boolean> {
    const last = await model.collection.updateOne(
      { _id: id, 'outbox.0.id': eventId, 'outbox.1': { $exists: false } },
      { $pop: { outbox: -1 }, $set: { outboxPending: false } },
    );
    if (last.matchedCount === 1) return true;
    await model.collection.updateOne({ _id: id, 'outbox.0.id': eventId }, { $pop: { outbox: -1 } });
    return false;
  }

  async function round(): Promise<number> {
    let nextDelayMs = pollIntervalMs;
    try {
      for (const model of models) {
        if (await dispatchBatch(model)) nextDelayMs = 0;
      }
      failures = 0;
    } catch (error) {
      failures += 1;
      nextDelayMs = Math.min(maxBackoffMs, pollIntervalMs * 2 ** failures);
      logger.warn(
        { err: error, failures, retryInMs: nextDelayMs },
        'outbox dispatch failed, events kept for the next round',
      );
    }
    return nextDelayMs;
  }

  function run(): void {
    if (stopped) return;
    if (inFlight) {
      rerun = true;
      return;
    }
    clearTimeout(timer);
    inFlight = round().then((delayMs) => {
      inFlight = undefined;
      if (stopped) return;
      const now = rerun && failures === 0;
      rerun = false;
      timer = setTimeout(run, now ? 0 : delayMs);
    });
  }

  run();
  return {
    kick() {
      // While failing, the backoff decides: a kick per write must not hammer a Redis that is down.
      if (failures === 0) run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
