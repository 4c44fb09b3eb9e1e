import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import {
  identifierIdFromRef,
  identifierRefInput,
  tenantIdSchema,
} from '../../use-cases/linking/identifier-ref.js';

export const resolveInput = z.object({ tenantId: tenantIdSchema }).and(identifierRefInput);
export const resolveOutput = z.object({ profileId: z.string() }).nullable();

/** `profiles.resolve`: who is this customer? The profile of an identifier (by value or hash), or null. */
export function resolveProcedure(graph: GraphDeps) {
  return staffProcedure('profiles.read', { services: true, audit: 'read' })
    .input(resolveInput)
    .output(resolveOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const id = await identifierIdFromRef(graph, input.tenantId, input);
      const document = await graph.store.identifiers.get(id);
      return document?.profileId && !document.quarantined ? { profileId: document.profileId } : null;
    });
}
