import { AppError } from '@scontrino/errors';
import { identifyCaller, issuesFromZod } from '@scontrino/trpc';
import { jsonBody } from '@scontrino/service';
import express, { type Router } from 'express';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { recordOnlineOrder } from './record-order-command.js';
import { onlineOrderInputSchema } from './online-order-input.js';

/**
 * `POST /v1/online-orders` for web shops: the service token (staff and shop keys come later),
 * the body validated with the same schema as `orders.record`; 202 because linking happens in
 * the background, idempotent by (tenant, shop, order).
 */
export function onlineOrdersRoute(deps: GraphDeps, serviceToken: string): Router {
  const router = express.Router();
  router.post('/v1/online-orders', jsonBody({ limit: '1mb' }), async (req, res) => {
    if ((await identifyCaller(req.get('authorization'), { serviceToken })).kind !== 'service') {
      throw new AppError('auth.unauthenticated', 'Send Authorization: Bearer <service token>', {
        kind: 'unauthenticated',
      });
    }
    const parsed = onlineOrderInputSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new AppError('order.invalid', 'The order does not match the schema', {
        kind: 'invalid',
        issues: issuesFromZod(parsed.error),
      });
    }
    res.status(202).json(await recordOnlineOrder(deps, parsed.data));
  });
  return router;
}
