import type { OnlineOrder } from '../generate/online-order.js';
import { type Http, jsonRequest } from '../run/http.js';
import { shopKeyOf, type ShopKeys } from './shop-keys.js';
import { withSlash } from './terminal-keys.js';

/**
 * The web shop's side: each order goes to the reconciliation service's `POST /v1/online-orders`
 * with the shop's own key (`sk_shop_…`, issued by the receipt service for the order's brand and
 * shop), idempotent by (tenant, shop, order).
 */
export function createReconciliationClient(http: Http, reconciliationUrl: string, keys: ShopKeys) {
  const url = new URL('v1/online-orders', withSlash(reconciliationUrl));
  return {
    async recordOrder(order: OnlineOrder): Promise<boolean> {
      const key = keys.get(shopKeyOf(order.tenantId, order.shopId));
      if (key === undefined) throw new Error(`no key for the web shop ${order.shopId} of ${order.tenantId}`);
      const answer = await http.request(
        'online_order',
        url,
        jsonRequest('POST', order, { authorization: `Bearer ${key}` }),
      );
      return answer.outcome.kind === 'accepted';
    },
  };
}

export type ReconciliationClient = ReturnType<typeof createReconciliationClient>;
