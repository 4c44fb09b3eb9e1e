import type { EventEnvelope } from '@scontrino/contracts';
import type { mongo } from 'mongoose';
import type { Logger } from 'pino';
import type { PublishEvents } from './event-publisher.js';
import { dispatchBatch, type OutboxModel, type PendingOutbox } from './outbox-batch.js';

export type { OutboxModel } from './outbox-batch.js';

export interface OutboxDispatcherOptions {
  models: readonly OutboxModel[];
  /** Usually `createEventPublisher(queues)`. */
  publish: PublishEvents;
  logger: Logger;
  /** Between sweeps for pending documents nobody told the dispatcher about; the first runs at start. */
  sweepIntervalMs?: number;
  /** Documents per batch: their events go to Redis in one `addBulk` per inbox and leave in one `updateMany`. */
  batchSize?: number;
  /** Wait after a failure (Redis or the database down); doubles with each failure in a row. */
  retryDelayMs?: number;
  /** Upper bound of that wait. */
  maxBackoffMs?: number;
}

/** An `_id` of a document the caller has just written with events. */
export type OutboxDocumentId = string | number | mongo.ObjectId;

/** A document as its insert wrote it (`withOutbox(…)` with its `_id`): dispatched without reading it back. */
export interface WrittenOutbox {
  _id: unknown;
  outbox: readonly EventEnvelope[];
}

export interface OutboxDispatcher {
  /**
   * Dispatch these documents of `model` (a model or its name) now, right after the write that
   * recorded their events. Hand over the documents as inserted and nothing is read; hand over
   * `_id`s and each is read by `_id`. Only what the database has accepted may be handed over:
   * the dispatcher publishes those events as they are.
   */
  kick(model: OutboxModel | string, written: readonly (WrittenOutbox | OutboxDocumentId)[]): void;
  /** Sweep every model for pending documents now: for a writer that cannot name what it wrote. */
  kick(): void;
  /** Stops sweeping and waits for the batch in flight. */
  stop(): Promise<void>;
}

const DEFAULTS = { sweepIntervalMs: 60_000, batchSize: 100, retryDelayMs: 1_000, maxBackoffMs: 30_000 };
/** Look-ups by `_id` in flight at once when the dispatcher was told ids. */
const PARALLEL_READS = 10;
/** Documents remembered per model while writers outpace Redis; past that, a sweep finds the rest. */
const MAX_TOLD = 10_000;

/** A document the dispatcher was told about: its outbox if handed over, else to be read by `_id`. */
interface Told {
  id: unknown;
  outbox?: readonly EventEnvelope[];
}

/**
 * Moves events from the outboxes of documents to Redis, in batches. Writers tell it what they
 * wrote (`kick(model, documents or ids)`); a sweep for `{ outboxPending: true }` (an indexed
 * top-level equality) at start and every `sweepIntervalMs` catches the rest: documents of a
 * crashed process, of a failed batch, of a writer that did not tell. An idle dispatcher sends
 * one query per model per sweep and nothing else.
 *
 * At least once, never lost: events leave a document only after Redis holds them (see
 * `dispatchBatch`), so a crash in between publishes them again (same jobId; consumers dedupe).
 * A failure ends the batch; the dispatcher forgets what it was told, backs off exponentially and
 * then sweeps, which finds every event still in its document. Several dispatchers may run at
 * once (one per replica): they only cause duplicate publishes. Writes go through the raw
 * collection so that model middleware and timestamps stay untouched.
 */
export function startOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { models, publish, logger } = options;
  const { sweepIntervalMs, batchSize, retryDelayMs, maxBackoffMs } = { ...DEFAULTS, ...options };
  const byName = new Map(models.map((model) => [model.modelName, model]));
  const told = new Map<OutboxModel, Map<string, Told>>();
  let sweepWanted = true;
  let stopped = false;
  let draining: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const sweepTimer = setInterval(() => {
    sweepWanted = true;
    wake();
  }, sweepIntervalMs);

  function wake(): void {
    // While backing off, the retry decides: a kick per write must not hammer a Redis that is down.
    if (stopped || draining || retryTimer) return;
    draining = drain().finally(() => {
      draining = undefined;
      if (sweepWanted || told.size > 0) wake();
    });
  }

  async function drain(): Promise<void> {
    try {
      while (!stopped && (sweepWanted || told.size > 0)) {
        await dispatchAllTold();
        if (sweepWanted) {
          sweepWanted = false;
          for (const model of models) await sweep(model);
        }
        failures = 0;
      }
    } catch (error) {
      failures += 1;
      const retryInMs = Math.min(maxBackoffMs, retryDelayMs * 2 ** (failures - 1));
      logger.warn(
        { err: error, failures, retryInMs },
        'outbox dispatch failed, events kept for the next round',
      );
      // Every event is still in its document: the sweep after the wait finds them all.
      told.clear();
      sweepWanted = true;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        wake();
      }, retryInMs);
    }
  }

  /** Up to `batchSize` documents of the model told about first; its turn then passes to the next. */
  function takeTold(): { model: OutboxModel; entries: Told[] } | undefined {
    for (const [model, pending] of told) {
      const entries: Told[] = [];
      for (const [key, entry] of pending) {
        if (entries.length === batchSize) break;
        entries.push(entry);
        pending.delete(key);
      }
      told.delete(model);
      if (pending.size > 0) told.set(model, pending);
      return { model, entries };
    }
    return undefined;
  }

  async function dispatchAllTold(): Promise<void> {
    for (let next = takeTold(); next && !stopped; next = takeTold())
      await dispatchTold(next.model, next.entries);
  }

  async function dispatchTold(model: OutboxModel, entries: readonly Told[]): Promise<void> {
    // Equality on `_id`, one query each: `$in` would scan the collection on FerretDB. A few at
    // a time, so that a large batch does not take every connection of the pool.
    const ids = entries.filter((entry) => !entry.outbox).map((entry) => entry.id);
    const read: (mongo.Document | null)[] = [];
    for (let start = 0; start < ids.length; start += PARALLEL_READS) {
      const reads = ids
        .slice(start, start + PARALLEL_READS)
        .map((id) =>
          model.collection.findOne({ _id: id as never }, { projection: { outbox: 1, outboxPending: 1 } }),
        );
      read.push(...(await Promise.all(reads)));
    }
    const documents: PendingOutbox[] = [
      ...entries.flatMap((entry) => (entry.outbox ? [{ _id: entry.id, outbox: entry.outbox }] : [])),
      ...read.flatMap((document) => (document?.outboxPending === true ? [pendingOutbox(document)] : [])),
    ];
    if (documents.length > 0) await dispatch(model, documents);
  }

  async function sweep(model: OutboxModel): Promise<void> {
    const cursor = model.collection.find({ outboxPending: true }, { projection: { outbox: 1 }, batchSize });
    let found = 0;
    try {
      let documents: PendingOutbox[] = [];
      for await (const document of cursor) {
        if (stopped) return;
        // Told about meanwhile: dispatched next, by `_id`.
        if (told.get(model)?.has(keyOf(document._id))) continue;
        found += 1;
        documents.push(pendingOutbox(document));
        if (documents.length === batchSize) {
          await dispatch(model, documents);
          documents = [];
          // A long sweep (after an outage) does not hold up what writers tell meanwhile.
          await dispatchAllTold();
        }
      }
      if (documents.length > 0) await dispatch(model, documents);
    } finally {
      await cursor.close();
    }
    logger.debug({ model: model.modelName, found }, 'outbox swept');
  }

  async function dispatch(model: OutboxModel, documents: readonly PendingOutbox[]): Promise<void> {
    const { missed } = await dispatchBatch(model, documents, publish, logger);
    // Changed since read: the writer that appended tells again, or the next sweep finds it.
    if (missed > 0) logger.debug({ model: model.modelName, missed }, 'outbox changed while dispatched');
  }

  function tell(model: OutboxModel, written: readonly (WrittenOutbox | OutboxDocumentId)[]): void {
    const pending = told.get(model) ?? new Map<string, Told>();
    for (const item of written) {
      if (pending.size >= MAX_TOLD) {
        sweepWanted = true;
        break;
      }
      const handedOver = isWrittenOutbox(item);
      if (handedOver && item.outbox.length === 0) continue;
      const id = handedOver ? item._id : item;
      const key = keyOf(id);
      // Told twice about one document: it may have changed in between, so read it.
      pending.set(key, handedOver && !pending.has(key) ? { id, outbox: item.outbox } : { id });
    }
    if (pending.size > 0) told.set(model, pending);
  }

  wake();
  return {
    kick(model?: OutboxModel | string, written: readonly (WrittenOutbox | OutboxDocumentId)[] = []) {
      if (stopped || retryTimer) return;
      const known =
        model === undefined ? undefined : byName.get(typeof model === 'string' ? model : model.modelName);
      if (known) tell(known, written);
      else {
        if (model !== undefined)
          logger.error(
            { model: typeof model === 'string' ? model : model.modelName },
            'kick for a model not dispatched',
          );
        sweepWanted = true;
      }
      wake();
    },
    async stop() {
      stopped = true;
      clearInterval(sweepTimer);
      clearTimeout(retryTimer);
      retryTimer = undefined;
      await draining;
    },
  };
}

function pendingOutbox(document: mongo.Document): PendingOutbox {
  return { _id: document._id, outbox: Array.isArray(document.outbox) ? (document.outbox as unknown[]) : [] };
}

function isWrittenOutbox(item: WrittenOutbox | OutboxDocumentId): item is WrittenOutbox {
  return typeof item === 'object' && item !== null && 'outbox' in item && Array.isArray(item.outbox);
}

/** One key per `_id` value: an ObjectId and its hex string, or 1 and '1', stay apart. */
function keyOf(id: unknown): string {
  return `${typeof id}:${JSON.stringify(id)}`;
}
