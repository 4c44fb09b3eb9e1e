import { identifierTypes } from '@scontrino/identity';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { parseIdentifierId } from '../../domain/ids.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';

export const listProfilesInput = z.object({
  tenantId: tenantIdSchema,
  cursor: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const listProfilesOutput = z.object({
  profiles: z.array(
    z.object({
      profileId: z.string(),
      householdId: z.string().nullable(),
      identifiers: z.array(z.object({ type: z.enum(identifierTypes), hash: z.string() })),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/**
 * `profiles.list`: every live profile of a tenant with its identifiers' hashes, in id order, a
 * page at a time. A bulk read: staff with `profiles.read` (audited) or a service (a CRM sync).
 */
export function listProfilesProcedure(graph: GraphDeps) {
  return staffProcedure('profiles.read', { services: true, audit: 'read' })
    .input(listProfilesInput)
    .output(listProfilesOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const page = await graph.store.profiles.page(input.tenantId, input.cursor ?? null, input.limit);
      return {
        profiles: page.map((profile) => ({
          profileId: profile._id,
          householdId: profile.householdId,
          identifiers: profile.identifierIds.flatMap((id) => {
            const parsed = parseIdentifierId(id);
            return parsed ? [{ type: parsed.type, hash: parsed.hash }] : [];
          }),
        })),
        nextCursor: page.length === input.limit ? (page.at(-1)?._id ?? null) : null,
      };
    });
}
