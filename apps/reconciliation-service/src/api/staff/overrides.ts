import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import {
  identifierIdFromRef,
  identifierRefInput,
  tenantIdSchema,
} from '../../use-cases/linking/identifier-ref.js';
import { overridePair } from '../../use-cases/linking/staff-actions.js';
import { curationReason, staffActionOutput } from './staff-output.js';

export const overrideInput = z.object({
  tenantId: tenantIdSchema,
  a: identifierRefInput,
  b: identifierRefInput,
  note: z.string().max(500).optional(),
  /** Why: kept in the audit log. */
  reason: curationReason,
});

/** `overrides.neverLink` / `overrides.mustLink`: a staff decision on a pair that beats the rules. */
export function overrideProcedure(graph: GraphDeps, kind: 'never-link' | 'must-link') {
  return staffProcedure('identity.curate')
    .input(overrideInput)
    .output(staffActionOutput)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const a = await identifierIdFromRef(graph, input.tenantId, input.a);
      const b = await identifierIdFromRef(graph, input.tenantId, input.b);
      return overridePair(
        graph,
        input.tenantId,
        kind,
        { a, b, note: input.note },
        actorOf(ctx.caller, 'service'),
      );
    });
}
