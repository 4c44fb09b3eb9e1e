import { type EventEnvelope, eventEnvelopeSchema } from '@scontrino/contracts';
import type { Collection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import type { PublishEvents } from './event-publisher.js';

/** Any mongoose model whose schema includes `outboxFields`. */
export interface OutboxModel {
  readonly modelName: string;
  readonly collection: Collection;
}

/** A document's outbox as the dispatcher found it: read back, or handed over by its writer. */
export interface PendingOutbox {
  _id: unknown;
  /** Stored elements, oldest first; not trusted to be valid envelopes. */
  outbox: readonly unknown[];
}

/**
 * Most updates in one `bulkWrite`. FerretDB v1.24 holds a PostgreSQL connection for each matched
 * statement of an update command until the whole command ends, from a pool of 50: one bulk of 50
 * updates waits for itself forever, and bulks running at once (3 of 20, say) wait for each other
 * forever. Ten leaves room for the other writers of the same server. MongoDB has no such limit.
 */
export const UPDATES_PER_BULK_WRITE = 10;

export interface BatchOutcome {
  published: number;
  /** Removals whose guard found the outbox changed since it was read; those events stay for later. */
  missed: number;
}

/**
 * Publishes the events of a batch of one model's documents (one `addBulk` per inbox), then takes
 * them off their documents (one `bulkWrite` per {@link UPDATES_PER_BULK_WRITE} documents). Each document contributes its valid events up to
 * its first invalid one, which is logged and left in place with everything after it.
 */
export async function dispatchBatch(
  model: OutboxModel,
  documents: readonly PendingOutbox[],
  publish: PublishEvents,
  logger: Logger,
): Promise<BatchOutcome> {
  const plans = documents.map((document) => ({ document, events: validPrefix(model, document, logger) }));
  const events = plans.flatMap((plan) => plan.events);
  if (events.length > 0) await publish(events);
  // A document blocked at its first event has nothing to remove; an empty one needs its flag cleared.
  const removals = plans
    .filter(({ document, events }) => events.length > 0 || document.outbox.length === 0)
    .map(({ document, events }) => removalOf(document, events.length));
  let matched = 0;
  for (let start = 0; start < removals.length; start += UPDATES_PER_BULK_WRITE) {
    const chunk = removals.slice(start, start + UPDATES_PER_BULK_WRITE);
    matched += (await model.collection.bulkWrite(chunk, { ordered: false })).matchedCount;
  }
  return { published: events.length, missed: removals.length - matched };
}

function validPrefix(model: OutboxModel, document: PendingOutbox, logger: Logger): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (const stored of document.outbox) {
    const parsed = eventEnvelopeSchema.safeParse(stored);
    if (!parsed.success) {
      logger.error(
        { model: model.modelName, documentId: document._id, issues: parsed.error.issues },
        'invalid event in outbox',
      );
      break;
    }
    events.push(parsed.data);
  }
  return events;
}

/**
 * Sets the outbox to what is left after the first `published` events, and `outboxPending` to
 * match, only if the outbox is still the one read: the same length and the same first event.
 * Writers only append and dispatchers only remove from the front, and event ids are unique, so
 * those two facts pin the whole array: an event appended meanwhile changes the length, a removal
 * by another dispatcher changes the first id, and either makes this write a no-op that leaves
 * every event in place (published again later; the jobId and the consumers dedupe).
 *
 * FerretDB v1 applies this as read, check, write of the whole document, not atomically. Racing
 * dispatchers can then write back an outbox another one had emptied: that republishes events, it
 * never drops one, since each write only removes events its own dispatcher has published, and
 * flag and outbox are always written together. What it cannot protect is an event appended by an
 * update racing this one, which is why, on FerretDB, events are recorded at insert (`withOutbox`).
 */
function removalOf(document: PendingOutbox, published: number): mongo.AnyBulkWriteOperation {
  const rest = document.outbox.slice(published);
  const first = document.outbox[0] as { id?: unknown } | undefined;
  return {
    updateOne: {
      filter: {
        _id: document._id as never,
        outbox: { $size: document.outbox.length },
        ...(published > 0 && { 'outbox.0.id': first?.id }),
      },
      update: { $set: { outbox: rest, outboxPending: rest.length > 0 } },
    },
  };
}
