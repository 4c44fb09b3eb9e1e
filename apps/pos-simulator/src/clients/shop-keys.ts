import type { Brand } from '../catalogue/index.js';
import { receiptAdmin, SetupError } from './terminal-keys.js';

/** A web shop's bearer key, by `<tenantId>/<shopId>`. */
export type ShopKeys = ReadonlyMap<string, string>;

export const shopKeyOf = (tenantId: string, shopId: string): string => `${tenantId}/${shopId}`;

/**
 * What a brand's administrator does before its web shop goes live: issues the shop its own key in
 * the receipt service (`shops.issueKey`); the shop sends it to the reconciliation service instead
 * of the platform-wide service token. One key per brand's shop for this run, kept in memory.
 */
export async function issueShopKeys(
  receiptUrl: string,
  staffToken: string,
  shops: readonly Pick<Brand, 'tenantId' | 'webShopId'>[],
): Promise<ShopKeys> {
  const admin = receiptAdmin(receiptUrl, staffToken);
  const keys = new Map<string, string>();
  for (const { tenantId, webShopId } of shops) {
    try {
      const issued = await admin.shops.issueKey.mutate({ tenantId, shopId: webShopId });
      keys.set(shopKeyOf(tenantId, webShopId), issued.key);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SetupError(`could not issue the web shop key of ${tenantId} at ${receiptUrl}: ${reason}`, {
        cause: error,
      });
    }
  }
  return keys;
}
