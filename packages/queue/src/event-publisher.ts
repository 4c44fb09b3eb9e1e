import {
  type EventEnvelope,
  eventEnvelopeSchema,
  type ServiceName,
  subscribersOf,
} from '@scontrino/contracts';
import { correlated } from './correlation.js';
import type { QueueFactory } from './queue-factory.js';

/** Resolves once Redis holds every event in every subscriber's inbox; rejects if any is missing. */
export type PublishEvents = (events: readonly EventEnvelope[]) => Promise<void>;

/** bull has no fan-out: each subscribing service reads its own inbox queue. */
export function inboxQueueName(service: ServiceName): string {
  return `inbox:${service}`;
}

/**
 * Puts one copy of each event into the inbox of every subscriber of its type, one `addBulk` per
 * inbox (a single MULTI/EXEC round trip; a plain `add` for a lone event), in the order given. The event id is the `jobId`: bull
 * ignores a second add while the first job is kept (a week after completion), so publishing again
 * after a crash or a retry does not duplicate work.
 */
export function createEventPublisher(queues: QueueFactory): PublishEvents {
  return async (events) => {
    const byInbox = new Map<string, EventEnvelope[]>();
    for (const event of events) {
      const envelope = eventEnvelopeSchema.parse(correlated(event));
      for (const service of subscribersOf(envelope.type)) {
        const name = inboxQueueName(service);
        const inbox = byInbox.get(name);
        if (inbox) inbox.push(envelope);
        else byInbox.set(name, [envelope]);
      }
    }
    await Promise.all(
      [...byInbox].map(async ([name, envelopes]) => {
        const inbox = queues.queue(name);
        const [only] = envelopes;
        // One event alone: a single script call, without MULTI and EXEC around it.
        if (envelopes.length === 1 && only) return void (await inbox.add(only, { jobId: only.id }));
        const jobs = await inbox.addBulk(
          envelopes.map((envelope) => ({ data: envelope, opts: { jobId: envelope.id } })),
        );
        // bull reads MULTI's replies without looking at their errors: an add that failed has no id.
        const refused = jobs.filter((job) => (job.id as unknown) == null).length;
        if (refused > 0) throw new Error(`${name} refused ${refused} of ${jobs.length} events`);
      }),
    );
  };
}
