import { staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { Tenants } from '../../store/tenants.js';
import { tenantView, toTenantView } from './create-tenant.js';

/** `tenants.list`: the tenants the administrator's token covers (all of them for `*`). */
export function listTenantsProcedure(tenants: Pick<Tenants, 'list'>) {
  return staffProcedure('tenants.manage')
    .output(z.object({ tenants: z.array(tenantView) }))
    .query(async ({ ctx }) => {
      const covered = ctx.caller.kind === 'staff' ? ctx.caller.staff.tenants : ['*'];
      const visible = (await tenants.list()).filter(
        (tenant) => covered.includes('*') || covered.includes(tenant._id),
      );
      return { tenants: visible.map(toTenantView) };
    });
}
