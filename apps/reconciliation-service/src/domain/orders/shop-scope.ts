/** Who posts an order, as its shop key says: one web shop or app of one tenant. */
export interface ShopScope {
  tenantId: string;
  shopId: string;
}

/**
 * Why a shop's key may not post this body, or null. Read from the raw body, before validation,
 * so a key of one brand learns nothing about another's through a refused payload; a missing or
 * non-string `tenantId`/`shopId` is left to validation (422).
 */
export function shopScopeViolation(shop: ShopScope, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { tenantId, shopId } = body as Record<string, unknown>;
  if (typeof tenantId === 'string' && tenantId !== shop.tenantId)
    return `This key is for tenant ${shop.tenantId}; it cannot post for tenant ${tenantId}`;
  if (typeof shopId === 'string' && shopId !== shop.shopId)
    return `This key is for shop ${shop.shopId}; it cannot post for shop ${shopId}`;
  return null;
}
