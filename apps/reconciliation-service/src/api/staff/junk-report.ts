import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { parseIdentifierId } from '../../domain/ids.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';

export const junkReportInput = z.object({
  tenantId: tenantIdSchema,
  reason: z.enum(['blocklist', 'junk', 'staff']).optional(),
});

export const junkReportOutput = z.object({
  identifiers: z.array(
    z.object({
      type: z.string(),
      hash: z.string(),
      reason: z.enum(['blocklist', 'junk', 'staff']),
      profilesJoined: z.number().int().nullable(),
      actor: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

/** `junk.report`: the quarantined identifiers (blocklisted, junk found by K, set by staff), newest first. */
export function junkReportProcedure(graph: GraphDeps) {
  return staffProcedure('identity.curate')
    .input(junkReportInput)
    .output(junkReportOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const entries = await graph.store.staff.quarantineReport(input.tenantId, input.reason);
      return {
        identifiers: entries.map((entry) => ({
          type: entry.type,
          hash: parseIdentifierId(entry._id)?.hash ?? '',
          reason: entry.reason,
          profilesJoined: entry.profilesJoined,
          actor: entry.actor,
          at: entry.at.toISOString(),
        })),
      };
    });
}
