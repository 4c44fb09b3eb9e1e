import type { OnlineOrder } from '../generate/online-order.js';
import { type Http, jsonRequest } from '../run/http.js';
import { withSlash } from './terminal-keys.js';

/**
 * The web shop's side: each order goes to the reconciliation service's `POST /v1/online-orders`
 * with the service token (the web shop's credential for now), idempotent by (tenant, shop, order).
 */
export function createReconciliationClient(http: Http, reconciliationUrl: string, serviceToken: string) {
  const url = new URL('v1/online-orders', withSlash(reconciliationUrl));
  return {
    async recordOrder(order: OnlineOrder): Promise<boolean> {
      const answer = await http.request(
        'online_order',
        url,
        jsonRequest('POST', order, { authorization: `Bearer ${serviceToken}` }),
      );
      return answer.outcome.kind === 'accepted';
    },
  };
}

export type ReconciliationClient = ReturnType<typeof createReconciliationClient>;
