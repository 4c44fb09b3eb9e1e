import { parseCallerKey, secretMatches } from './key-format.js';
import type { ReadCache } from './read-cache.js';

/** Who calls, as its shop key says: one web shop or app (`shopId`) of one tenant (brand). */
export interface ShopIdentity {
  keyId: string;
  tenantId: string;
  shopId: string;
}

/** A shop key as the receipt service stores it (the secret's hash, never the secret). */
export interface ShopKeyRecord {
  _id: string;
  tenantId: string;
  shopId: string;
  secretHash: string;
  revokedAt: Date | null;
}

/**
 * The web shop a bearer value `sk_shop_…` belongs to, or null when malformed, unknown, revoked or
 * with the wrong secret. The record comes from `cache`, else from `load` (the receipt service
 * reads its own collection; other services ask it), so a revocation announced on the receipt
 * service's cache channel (`shop-key:<keyId>`) stops the key everywhere at once.
 */
export async function verifyShopKey(
  bearer: string,
  cache: ReadCache<ShopKeyRecord>,
  load: (keyId: string) => Promise<ShopKeyRecord | null>,
): Promise<ShopIdentity | null> {
  const parsed = parseCallerKey('shop', bearer);
  if (!parsed) return null;
  const found = await cache.get(parsed.keyId, () => load(parsed.keyId));
  if (!found || found.revokedAt !== null || !secretMatches(parsed.secret, found.secretHash)) return null;
  return { keyId: found._id, tenantId: found.tenantId, shopId: found.shopId };
}
