import { router } from '@scontrino/trpc';
import type { Tenants } from '../../store/tenants.js';
import { createTenantProcedure } from './create-tenant.js';
import { listTenantsProcedure } from './list-tenants.js';
import { tenantRecordProcedure } from './tenant-record.js';

export function createTenantsRouter(tenants: Tenants) {
  return router({
    create: createTenantProcedure(tenants),
    list: listTenantsProcedure(tenants),
    record: tenantRecordProcedure(tenants),
  });
}
