import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ShopKeys } from '../../store/shop-keys.js';

/**
 * `shops.keyRecord`, between services only (service token): what another service needs to verify
 * a shop key itself (the reconciliation service's `POST /v1/online-orders`). Null for an unknown key.
 */
export function shopKeyRecordProcedure(keys: Pick<ShopKeys, 'record'>) {
  return serviceProcedure
    .input(z.object({ keyId: z.string().regex(/^[a-z2-7]{16}$/, 'a shop key id') }))
    .output(
      z
        .object({
          _id: z.string(),
          tenantId: z.string(),
          shopId: z.string(),
          /** sha256 of a 256-bit secret: enough to check a key, useless to forge one. */
          secretHash: z.string(),
          revokedAt: z.iso.datetime().nullable(),
        })
        .nullable(),
    )
    .query(async ({ input }) => {
      const found = await keys.record(input.keyId);
      return found && { ...found, revokedAt: found.revokedAt?.toISOString() ?? null };
    });
}
