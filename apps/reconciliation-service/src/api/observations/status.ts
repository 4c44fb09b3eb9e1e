import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';

export const statusInput = z.object({ observationId: z.string().min(1).max(300) });
export const statusOutput = z.object({
  linked: z.boolean(),
  /** The profile of its first identifier that links (none when all are junk or erased). */
  profileId: z.string().nullable(),
});

/** `observations.status`: whether the worker has linked an observation yet (clients poll it). */
export function observationStatusProcedure(graph: GraphDeps) {
  return serviceProcedure
    .input(statusInput)
    .output(statusOutput)
    .query(async ({ input }) => {
      const linked = await graph.store.observations.isLinked(input.observationId);
      if (!linked) return { linked, profileId: null };
      const observation = await graph.store.observations.get(input.observationId);
      for (const identifier of observation?.identifiers ?? []) {
        const document = await graph.store.identifiers.get(identifier.id);
        if (document?.profileId) return { linked, profileId: document.profileId };
      }
      return { linked, profileId: null };
    });
}
