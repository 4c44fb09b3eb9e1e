import { type BackloggedQueue, type OutboxModel, serviceBacklog } from '@scontrino/queue';
import { router, serviceProcedure, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ReadinessCheck } from './readiness.js';

const count = z.number().int().nonnegative();
const ageMs = count.nullable();

/** How far the reconciliation service's linking is behind what it has been told. */
export const linkingLagSchema = z.object({
  /** Events (sales, claims, orders) in its inbox, not yet stored and linked. */
  waitingEvents: count,
  /** How long the oldest of them has waited (ms): the linking lag; null when none waits. */
  oldestWaitingEventAgeMs: ageMs,
  /** Observations stored and not (yet) marked linked: counts from the collections' metadata. */
  unlinkedObservations: count,
});
export type LinkingLag = z.infer<typeof linkingLagSchema>;

/** `system.backlog`: what a service still has to do, counted now. */
export const serviceBacklogSchema = z.object({
  service: z.string(),
  at: z.iso.datetime(),
  /** Each bull queue the service opened: jobs by state, and the age of its oldest job still to run. */
  queues: z.array(
    z.object({
      queue: z.string(),
      waiting: count,
      active: count,
      delayed: count,
      failed: count,
      scheduled: count,
      oldestJobAgeMs: ageMs,
    }),
  ),
  /** Each collection with an outbox: documents whose events are not yet in Redis. */
  outboxes: z.array(z.object({ collection: z.string(), pending: count })),
  /** Reconciliation only: how far linking is behind; null for the other services. */
  linking: linkingLagSchema.nullable(),
});
export type ServiceBacklog = z.infer<typeof serviceBacklogSchema>;

/** Where a service's backlog is counted. */
export interface BacklogSources {
  /** The queues the service opened (`QueueFactory.opened`). */
  queues(): Iterable<BackloggedQueue>;
  /** The models whose documents carry an outbox (the dispatcher's). */
  outboxes: readonly OutboxModel[];
  linking?(now: Date): Promise<LinkingLag>;
  clock?: () => Date;
}

export const serviceStatusSchema = z.object({
  service: z.string(),
  startedAt: z.iso.datetime(),
  uptimeSeconds: z.number().int().nonnegative(),
  dependencies: z.record(z.string(), z.enum(['up', 'down'])),
});

/** `system.status`: for other services and operators holding the service token. */
export function createSystemRouter(
  service: string,
  checks: readonly ReadinessCheck[],
  backlog: BacklogSources = { queues: () => [], outboxes: [] },
) {
  const startedAt = new Date();
  const clock = backlog.clock ?? (() => new Date());
  return router({
    /**
     * `system.backlog`: queue depths, the oldest job still to run, outbox documents not yet
     * dispatched, and (reconciliation) the linking lag. Counts only, no personal data: staff with
     * `operations.read`, and services (the POS simulator watches a run drain with the service token).
     */
    backlog: staffProcedure('operations.read', { services: true })
      .output(serviceBacklogSchema)
      .query(async () => {
        const now = clock();
        const [counted, linking] = await Promise.all([
          serviceBacklog(backlog.queues(), backlog.outboxes, now),
          backlog.linking ? backlog.linking(now) : Promise.resolve(null),
        ]);
        return { service, at: now.toISOString(), ...counted, linking };
      }),
    status: serviceProcedure.output(serviceStatusSchema).query(async () => {
      const results = await Promise.all(
        checks.map(
          async (check) => [check.name, (await check.isReady().catch(() => false)) ? 'up' : 'down'] as const,
        ),
      );
      return {
        service,
        startedAt: startedAt.toISOString(),
        uptimeSeconds: Math.floor((Date.now() - startedAt.getTime()) / 1000),
        dependencies: Object.fromEntries(results),
      };
    }),
  });
}
