import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ShopKeys } from '../../store/shop-keys.js';

const listedKey = z.object({
  keyId: z.string(),
  tenantId: z.string(),
  shopId: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  revokedAt: z.iso.datetime().nullable(),
});

/** `shops.listKeys`: a tenant's shop keys, newest first, revoked ones included; never a secret or its hash. */
export function listShopKeysProcedure(keys: Pick<ShopKeys, 'list'>) {
  return staffProcedure('shops.manage')
    .input(z.object({ tenantId: z.string().min(1).max(64) }))
    .output(z.object({ keys: z.array(listedKey) }))
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const listed = await keys.list(input.tenantId);
      return {
        keys: listed.map((key) => ({
          ...key,
          createdAt: key.createdAt.toISOString(),
          revokedAt: key.revokedAt?.toISOString() ?? null,
        })),
      };
    });
}
