import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { Tenants } from '../../store/tenants.js';

/** By `id`, not `tenantId`: an unknown tenant is an answer here (null), not a 404. */
export const tenantRecordInput = z.object({ id: z.string().min(1).max(100) });

/**
 * `tenants.record`, between services only (service token): whether a tenant exists, for the
 * read-through caches with which the loyalty and reconciliation services check every call. Null
 * for an unknown tenant.
 */
export function tenantRecordProcedure(tenants: Pick<Tenants, 'record'>) {
  return serviceProcedure
    .input(tenantRecordInput)
    .output(z.object({ _id: z.string(), name: z.string() }).nullable())
    .query(({ input }) => tenants.record(input.id));
}
