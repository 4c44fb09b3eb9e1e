import { type EventEnvelope, eventEnvelopeSchema } from '@scontrino/contracts';
import type { Collection } from 'mongoose';
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

export interface BatchOutcome {
  published: number;
  /** Removals whose guard found the outbox changed since it was read; those events stay for later. */
  missed: number;
}

/**
 * Publishes the events of a batch of one model's documents (one `addBulk` per inbox), then takes
 * them off their documents: one `updateMany` for the documents whose every event went out (one per
 * outbox length, usually one), one `updateOne` for each document held up by an invalid event,
 * which is logged and left in place with everything after it.
 *
 * Not a `bulkWrite` of one update per document: FerretDB v1.24 holds a PostgreSQL connection for
 * each matched statement of an update command until the command ends, so a bulk of as many updates
 * as its pool has connections (8 in the local stack) waits for itself forever.
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

  const emptied = new Map<number, PendingOutbox[]>();
  const partial: { document: PendingOutbox; published: number }[] = [];
  // A document held up at its first event has nothing to take off.
  for (const { document, events } of plans) {
    const { length } = document.outbox;
    if (events.length === length) {
      const group = emptied.get(length) ?? [];
      group.push(document);
      emptied.set(length, group);
    } else if (events.length > 0) partial.push({ document, published: events.length });
  }
  let expected = 0;
  let matched = 0;
  for (const [length, group] of emptied) {
    expected += group.length;
    const result = await model.collection.updateMany(emptiedFilter(group, length), {
      $set: { outbox: [], outboxPending: false },
    });
    matched += result.matchedCount;
  }
  for (const { document, published } of partial) {
    expected += 1;
    const rest = document.outbox.slice(published);
    const result = await model.collection.updateOne(
      { _id: document._id as never, ...unchanged([document], document.outbox.length) },
      { $set: { outbox: rest, outboxPending: true } },
    );
    matched += result.matchedCount;
  }
  return { published: events.length, missed: expected - matched };
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
 * These documents, each only while its outbox is still the one read. `outboxPending: true` is the
 * part an index serves (on the local database, the only part pushed down: the rest is checked on
 * the pending documents alone, never on the whole collection).
 */
function emptiedFilter(documents: readonly PendingOutbox[], length: number): Record<string, unknown> {
  return {
    outboxPending: true,
    _id: { $in: documents.map((document) => document._id) },
    ...unchanged(documents, length),
  };
}

/**
 * The outbox still as read: the same length and the same first event. Writers only append and
 * dispatchers only remove from the front, and an event id belongs to one document, so those two
 * facts pin the whole array: an event appended meanwhile changes the length, a removal by another
 * dispatcher changes the first id, and either makes the write a no-op that leaves every event in
 * place (published again later; the jobId and the consumers dedupe).
 *
 * FerretDB v1 applies a guarded update as read, check, write of the whole document, not
 * atomically. Racing dispatchers can then write back an outbox another one had emptied: that
 * republishes events, it never drops one, since each write only removes events its own
 * dispatcher has published, and flag and outbox are always written together. What it cannot
 * protect is an event appended by an update racing this one, which is why, on FerretDB, events
 * are recorded at insert (`withOutbox`).
 */
function unchanged(documents: readonly PendingOutbox[], length: number): Record<string, unknown> {
  const firstIds = documents.map((document) => (document.outbox[0] as { id?: unknown } | undefined)?.id);
  return { outbox: { $size: length }, ...(length > 0 && { 'outbox.0.id': { $in: firstIds } }) };
}
