import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ShopKeys } from '../../store/shop-keys.js';

/** `shops.revokeKey`: the key stops working at once in every service; revoking again keeps the first date. */
export function revokeShopKeyProcedure(keys: Pick<ShopKeys, 'revoke' | 'tenantOf'>) {
  return staffProcedure('shops.manage')
    .input(z.object({ keyId: z.string().min(1).max(64) }))
    .output(z.object({ keyId: z.string(), revokedAt: z.iso.datetime() }))
    .mutation(async ({ ctx, input }) => {
      const tenantId = await keys.tenantOf(input.keyId);
      if (tenantId === null)
        throw new AppError('shop_key.not_found', `No shop key ${input.keyId}`, { kind: 'not_found' });
      requireScope(ctx, { tenantId });
      const revoked = await keys.revoke(input.keyId);
      return { keyId: revoked.keyId, revokedAt: revoked.revokedAt.toISOString() };
    });
}
