import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { MAX_LINK_BATCH } from '../../use-cases/linking/linker.js';
import { identifyInput, identifyObservation, identifyOutput } from './identify.js';

export const identifyManyInput = z.object({
  tenantId: tenantIdSchema,
  /** As many sightings as the linker takes in one batch; each as `observations.identify` takes it. */
  sightings: z
    .array(identifyInput.omit({ tenantId: true }))
    .min(1)
    .max(MAX_LINK_BATCH),
});

export const identifyManyOutput = z.object({
  /** One per sighting, in the order sent. */
  results: z.array(identifyOutput),
});

/**
 * `observations.identifyMany`: up to {@link MAX_LINK_BATCH} sightings of one tenant in one call
 * (a CRM sync, an app sending what it saw while offline), each stored once by its `source` and
 * `sourceId` and linked before the answer, in the linker's batches after whatever the live lane
 * holds (tills, web orders, single calls), so a sync never holds up a sale. The whole call is
 * validated first: one bad sighting is a 400 naming it by its index, and nothing is stored.
 */
export function identifyManyProcedure(graph: GraphDeps) {
  return serviceProcedure
    .input(identifyManyInput)
    .output(identifyManyOutput)
    .mutation(async ({ input }) => {
      const { tenantId } = input;
      const built = await Promise.all(
        input.sightings.map((sighting) => identifyObservation(graph, { ...sighting, tenantId })),
      );
      const stored = await Promise.all(
        built.map(({ observation }) => graph.linker.storeAndLink(observation, 'bulk')),
      );
      return {
        results: stored.map((one, index) => ({
          observationId: one.observation.observationId,
          status: one.status,
          ignored: built[index]?.ignored ?? [],
        })),
      };
    });
}
