import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ShopKeys } from '../../store/shop-keys.js';

const shopIdSchema = z.string().min(1).max(64);

export const issueShopKeyInput = z.object({ tenantId: z.string().min(1).max(64), shopId: shopIdSchema });

/**
 * `shops.issueKey`: a key for one web shop or app of a tenant (an administrator of it, audited).
 * The shop sends it as `Authorization: Bearer sk_shop_…` instead of the platform-wide service
 * token, and may post only for its tenant and shop.
 */
export function issueShopKeyProcedure(keys: Pick<ShopKeys, 'issue'>) {
  return staffProcedure('shops.manage')
    .input(issueShopKeyInput)
    .output(z.object({ keyId: z.string(), shopId: z.string(), key: z.string() }))
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const issued = await keys.issue(input, actorOf(ctx.caller, 'service'));
      return { keyId: issued.keyId, shopId: input.shopId, key: issued.key };
    });
}
