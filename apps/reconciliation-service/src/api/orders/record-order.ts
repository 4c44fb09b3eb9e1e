import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { onlineOrderInputSchema } from './online-order-input.js';
import { recordOnlineOrder } from './record-order-command.js';

export const recordOrderOutput = z.object({
  observationId: z.string(),
  status: z.enum(['accepted', 'duplicate']),
  /** Customer fields that did not normalise (a phone without prefix and no country…): not linked. */
  ignored: z.array(z.object({ type: z.string(), reason: z.string() })),
});

/** `orders.record`: the same as the REST route, for services. */
export function recordOrderProcedure(graph: GraphDeps) {
  return serviceProcedure
    .input(onlineOrderInputSchema)
    .output(recordOrderOutput)
    .mutation(({ input }) => recordOnlineOrder(graph, input));
}
