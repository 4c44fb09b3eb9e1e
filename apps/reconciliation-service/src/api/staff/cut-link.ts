import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { linkIdOf } from '../../domain/ids.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import {
  identifierIdFromRef,
  identifierRefInput,
  tenantIdSchema,
} from '../../use-cases/linking/identifier-ref.js';
import { cutLink } from '../../use-cases/linking/staff-actions.js';
import { curationReason, staffActionOutput } from './staff-output.js';

export const cutLinkInput = z
  .object({
    tenantId: tenantIdSchema,
    /** As `profiles.explain` names it… */
    linkId: z.string().min(1).max(400).optional(),
    /** …or by its two ends. */
    between: z.object({ a: identifierRefInput, b: identifierRefInput }).optional(),
    /** Why: kept in the audit log. */
    reason: curationReason,
  })
  .refine((input) => (input.linkId === undefined) !== (input.between === undefined), {
    message: 'give either linkId or between',
    path: ['linkId'],
  });

/** `links.cut`: unmerge by cutting a wrong link; the component is recomputed and `profiles.unmerged` published. */
export function cutLinkProcedure(graph: GraphDeps) {
  return staffProcedure('identity.curate')
    .input(cutLinkInput)
    .output(staffActionOutput)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const linkId =
        input.linkId ??
        linkIdOf(
          await identifierIdFromRef(graph, input.tenantId, input.between!.a),
          await identifierIdFromRef(graph, input.tenantId, input.between!.b),
        );
      return cutLink(graph, input.tenantId, linkId, actorOf(ctx.caller, 'service'));
    });
}
