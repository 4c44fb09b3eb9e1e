import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { Tenants } from '../../store/tenants.js';

/** A tenant id: lower-case letters, digits and inner hyphens (`moda-rossi`), as every call will name it. */
export const newTenantIdSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and inner hyphens, up to 64');

export const createTenantInput = z.object({
  tenantId: newTenantIdSchema,
  name: z.string().trim().min(1).max(200),
});

export const tenantView = z.object({
  tenantId: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
});

export const toTenantView = (tenant: { _id: string; name: string; createdAt: Date; createdBy: string }) => ({
  tenantId: tenant._id,
  name: tenant.name,
  createdAt: tenant.createdAt.toISOString(),
  createdBy: tenant.createdBy,
});

/**
 * `tenants.create`: a new brand, by an administrator (audited); 409 when it exists. Until then
 * every call naming it, in every service, is a 404 `tenant.unknown`.
 */
export function createTenantProcedure(tenants: Pick<Tenants, 'create'>) {
  return staffProcedure('tenants.manage', { createsTenant: true })
    .input(createTenantInput)
    .output(tenantView)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return toTenantView(await tenants.create(input, actorOf(ctx.caller, 'service')));
    });
}
