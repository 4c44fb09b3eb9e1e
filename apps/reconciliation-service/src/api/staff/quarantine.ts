import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import {
  identifierIdFromRef,
  identifierRefInput,
  tenantIdSchema,
} from '../../use-cases/linking/identifier-ref.js';
import { quarantineIdentifier } from '../../use-cases/linking/staff-actions.js';
import { curationReason, staffActionOutput } from './staff-output.js';

export const quarantineInput = z.object({
  tenantId: tenantIdSchema,
  identifier: identifierRefInput,
  /** Why: kept in the audit log. */
  reason: curationReason,
});

/** `identifiers.quarantine`: a shared or junk identifier stops linking; what it held together splits. */
export function quarantineProcedure(graph: GraphDeps) {
  return staffProcedure('identity.curate')
    .input(quarantineInput)
    .output(staffActionOutput)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const id = await identifierIdFromRef(graph, input.tenantId, input.identifier);
      return quarantineIdentifier(graph, input.tenantId, id, actorOf(ctx.caller, 'service'));
    });
}
