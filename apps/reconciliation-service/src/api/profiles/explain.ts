import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import {
  identifierIdFromRef,
  identifierRefInput,
  tenantIdSchema,
} from '../../use-cases/linking/identifier-ref.js';
import { explainProfile } from '../../use-cases/views/explain.js';
import { toWire } from '../wire.js';

export const explainInput = z.object({
  tenantId: tenantIdSchema,
  profileId: z.string().min(1).max(64),
  from: identifierRefInput,
  to: identifierRefInput,
});

/** `profiles.explain`: the chain of evidence joining two identifiers of a profile. */
export function explainProcedure(graph: GraphDeps) {
  return staffProcedure('profiles.read', { audit: 'read' })
    .input(explainInput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const from = await identifierIdFromRef(graph, input.tenantId, input.from);
      const to = await identifierIdFromRef(graph, input.tenantId, input.to);
      return toWire(await explainProfile(graph, input.tenantId, input.profileId, from, to));
    });
}
