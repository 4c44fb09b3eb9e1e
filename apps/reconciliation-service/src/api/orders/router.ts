import { router } from '@scontrino/trpc';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { recordOrderProcedure } from './record-order.js';

export function createOrdersRouter(graph: GraphDeps) {
  return router({ record: recordOrderProcedure(graph) });
}
