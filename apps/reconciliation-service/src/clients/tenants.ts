import { readCache, tenantDirectory, type TenantDirectory } from '@scontrino/caller-keys';
import { AppError } from '@scontrino/errors';
import type { CacheInvalidation } from '@scontrino/queue';
import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { peerCallHeaders } from '@scontrino/service';
import { createTRPCClient, httpLink } from '@trpc/client';

/**
 * The tenants that exist, as the receipt service's registry says (`tenants.record`, service
 * token): kept a few seconds per tenant, dropped at once when the receipt service announces a
 * change on its cache channel (`invalidation`). An unknown tenant is asked again each time, so a
 * tenant works here the moment an administrator creates it. When the receipt service does not
 * answer, a tenant this service has seen before is still known (the last answer, unless a change
 * was announced since): its outage does not take this service down with it. A tenant never seen
 * is a 503 (try again), never a pass.
 */
export function receiptTenants(
  options: { url: string; serviceToken: string },
  invalidation?: Pick<CacheInvalidation, 'announce' | 'onAnnounce'>,
): TenantDirectory {
  const client = createTRPCClient<ReceiptRouter>({
    links: [
      httpLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        headers: () => peerCallHeaders(options.serviceToken),
      }),
    ],
  });
  return tenantDirectory(
    readCache({ name: 'tenant', staleIfError: true, ...(invalidation && { invalidation }) }),
    (tenantId) =>
      client.tenants.record.query({ id: tenantId }).catch((error: unknown) => {
        throw new AppError(
          'tenants.unavailable',
          'Tenants cannot be checked right now: the receipt service does not answer',
          { kind: 'unavailable', cause: error },
        );
      }),
  );
}
