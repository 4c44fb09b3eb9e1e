import { authenticateBearer, callerOf, type ShopIdentity } from '@scontrino/caller-keys';
import { AppError } from '@scontrino/errors';
import { issuesFromZod } from '@scontrino/trpc';
import { jsonBody } from '@scontrino/service';
import express, { type Router } from 'express';
import type { WebShopKeys } from '../../clients/shop-keys.js';
import { shopScopeViolation } from '../../domain/orders/shop-scope.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { recordOnlineOrder } from './record-order-command.js';
import { onlineOrderInputSchema } from './online-order-input.js';

/**
 * `POST /v1/online-orders` for web shops and apps: their own shop key (`sk_shop_…`, issued by
 * the receipt service's `shops.issueKey`), scoped to one tenant and shop (403 for another's); the
 * service token is refused here (401: it stays between services, who have `orders.record`). The
 * body is validated with the same schema as `orders.record`; 202 because linking happens in the
 * background, idempotent by (tenant, shop, order).
 */
export function onlineOrdersRoute(deps: GraphDeps, keys: WebShopKeys): Router {
  const router = express.Router();
  router.post(
    '/v1/online-orders',
    authenticateBearer({
      authenticate: (bearer) => keys.authenticate(bearer),
      realm: 'scontrino-shop',
      keyName: 'the shop key',
      local: 'shop',
    }),
    jsonBody({ limit: '1mb' }),
    async (req, res) => {
      const violation = shopScopeViolation(callerOf<ShopIdentity>(res, 'shop'), req.body);
      if (violation) throw new AppError('auth.wrong_shop', violation, { kind: 'forbidden' });
      const parsed = onlineOrderInputSchema.safeParse(req.body);
      if (!parsed.success) {
        throw new AppError('order.invalid', 'The order does not match the schema', {
          kind: 'invalid',
          issues: issuesFromZod(parsed.error),
        });
      }
      res.status(202).json(await recordOnlineOrder(deps, parsed.data));
    },
  );
  return router;
}
