import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../linking/graph-deps.js';
import { identifierIdFromRef, identifierRefInput, tenantIdSchema } from '../../linking/identifier-ref.js';
import { quarantineIdentifier } from '../../linking/staff-actions.js';
import { actorInput } from '../api-deps.js';
import { staffActionOutput } from './staff-output.js';

export const quarantineInput = z.object({
  tenantId: tenantIdSchema,
  identifier: identifierRefInput,
  actor: actorInput,
});

/** `identifiers.quarantine`: a shared or junk identifier stops linking; what it held together splits. */
export function quarantineProcedure(graph: GraphDeps) {
  return serviceProcedure
    .input(quarantineInput)
    .output(staffActionOutput)
    .mutation(async ({ input }) => {
      const id = await identifierIdFromRef(graph, input.tenantId, input.identifier);
      return quarantineIdentifier(graph, input.tenantId, id, input.actor);
    });
}
