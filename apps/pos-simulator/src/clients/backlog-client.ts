import type { LoyaltyRouter } from '@scontrino/loyalty-service/router';
import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import type { ReconciliationRouter } from '@scontrino/reconciliation-service/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import { withSlash } from './terminal-keys.js';

type AnyServiceRouter = ReceiptRouter | LoyaltyRouter | ReconciliationRouter;

/** What `system.backlog` answers (the same shape from every service). */
export type ServiceBacklog = Awaited<
  ReturnType<ReturnType<typeof createTRPCClient<ReceiptRouter>>['system']['backlog']['query']>
>;

/**
 * A service's backlog (`system.backlog`) read with the service token: queue depths, the oldest
 * job's age, outbox documents not yet dispatched and, from reconciliation, the linking lag. The
 * simulator reads it to tell when what a run sent has been worked off.
 */
export async function readBacklog(serviceUrl: string, serviceToken: string): Promise<ServiceBacklog> {
  const client = createTRPCClient<AnyServiceRouter>({
    links: [
      httpLink({
        url: new URL('trpc', withSlash(serviceUrl)).href,
        headers: { authorization: `Bearer ${serviceToken}` },
      }),
    ],
  }) as unknown as ReturnType<typeof createTRPCClient<ReceiptRouter>>;
  return client.system.backlog.query();
}

/** Nothing left to do: no job waiting, running or delayed, and no outbox pending. */
export function isDrained(backlog: ServiceBacklog): boolean {
  return (
    backlog.queues.every((queue) => queue.waiting + queue.active + queue.delayed === 0) &&
    backlog.outboxes.every((outbox) => outbox.pending === 0) &&
    (backlog.linking === null || backlog.linking.waitingEvents === 0)
  );
}
