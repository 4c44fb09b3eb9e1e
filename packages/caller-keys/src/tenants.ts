import { AppError } from '@scontrino/errors';
import type { ReadCache } from './read-cache.js';

/** A tenant (a brand) as the receipt service keeps it in its registry (`tenants`). */
export interface TenantRecord {
  _id: string;
  name: string;
}

/** The 404 of a call that names a tenant nobody created, with the field it came in. */
export function unknownTenant(tenantId: string, path = 'tenantId'): AppError {
  return new AppError(
    'tenant.unknown',
    `No tenant ${tenantId}: an administrator creates it with tenants.create`,
    {
      kind: 'not_found',
      issues: [{ path, code: 'tenant.unknown', message: `no tenant ${tenantId}` }],
    },
  );
}

/** Whether a tenant exists, as every procedure and route that names one asks (`TenantCheck` of @scontrino/trpc). */
export interface TenantDirectory {
  /** The tenant's record; rejects with 404 `tenant.unknown` when nobody created it. */
  require(tenantId: string): Promise<TenantRecord>;
}

/**
 * Tenants read through `cache` (the receipt service reads its own collection; other services ask
 * it with the service token), so a request that names a known tenant costs no read once warm. An
 * unknown tenant is not cached: it works the moment an administrator creates it, and a change
 * announced on the receipt service's cache channel (`tenant:<id>`) drops the entry everywhere.
 */
export function tenantDirectory(
  cache: ReadCache<TenantRecord>,
  load: (tenantId: string) => Promise<TenantRecord | null>,
): TenantDirectory {
  return {
    async require(tenantId) {
      const found = await cache.get(tenantId, () => load(tenantId));
      if (!found) throw unknownTenant(tenantId);
      return found;
    },
  };
}
