import { type BackloggedQueue, queueBacklog } from '@scontrino/queue';
import type { LinkingLag } from '@scontrino/service';
import type { Connection } from 'mongoose';

/**
 * The linking lag for `system.backlog`. Every event is stored and linked by one inbox job (retried
 * until linked), so the inbox's waiting and running jobs are what linking has yet to do, and its
 * oldest job's age is the lag. Observations stored without their linked marker (an erasure, a
 * link that failed after its insert) are the difference of the two collections' estimated counts,
 * which read metadata, not documents.
 */
export async function linkingLag(
  database: Connection,
  inbox: BackloggedQueue,
  now: Date,
): Promise<LinkingLag> {
  const [queue, observations, linked] = await Promise.all([
    queueBacklog(inbox, now),
    database.collection('observations').estimatedDocumentCount(),
    database.collection('linked_observations').estimatedDocumentCount(),
  ]);
  return {
    waitingEvents: queue.waiting + queue.active + queue.delayed,
    oldestWaitingEventAgeMs: queue.oldestJobAgeMs,
    unlinkedObservations: Math.max(0, observations - linked),
  };
}
