import { serviceProcedure, router } from '@scontrino/trpc';
import { z } from 'zod';
import { tenantIdSchema } from '../../linking/identifier-ref.js';
import { eraseProfile } from '../../privacy/erase.js';
import { exportProfile } from '../../privacy/export.js';
import { actorInput, type ApiDeps } from '../api-deps.js';
import { toWire } from '../wire.js';

export const privacyInput = z.object({ tenantId: tenantIdSchema, profileId: z.string().min(1).max(64) });

export const eraseOutput = z.object({
  erasureId: z.string(),
  profileId: z.string(),
  identifiersErased: z.number().int(),
  observationsDeleted: z.number().int(),
  observationsAnonymised: z.number().int(),
});

/** `privacy.export` (everything held, as JSON) and `privacy.erase` (tombstones, `customer.erased`). */
export function createPrivacyRouter(deps: ApiDeps) {
  return router({
    export: serviceProcedure
      .input(privacyInput)
      .query(async ({ input }) =>
        toWire(await exportProfile({ ...deps.graph, rfm: deps.rfm }, input.tenantId, input.profileId)),
      ),
    erase: serviceProcedure
      .input(privacyInput.extend({ actor: actorInput }))
      .output(eraseOutput)
      .mutation(({ input }) => eraseProfile(deps.graph, input.tenantId, input.profileId, input.actor)),
  });
}
