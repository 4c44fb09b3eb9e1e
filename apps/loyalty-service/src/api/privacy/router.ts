import { identifierRefSchema } from '@scontrino/contracts';
import { router, serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { exportMemberData } from '../../use-cases/export-member-data.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { tenantIdSchema } from '../members/member-view.js';

/** A data subject as the reconciliation service names them to its peers: keyed hashes, no values. */
export const dataSubjectInput = z.object({
  tenantId: tenantIdSchema,
  profileId: z.string().min(1).max(100).nullable(),
  identifiers: z.array(identifierRefSchema).max(200),
});

/**
 * The reconciliation service's data-subject requests: `exportSubject` (everything held about the
 * person, decrypted for their archive) and `erasureOutcome` (what a `customer.erased` changed here).
 */
export function createPrivacyRouter(deps: LoyaltyDeps) {
  return router({
    exportSubject: serviceProcedure
      .input(dataSubjectInput)
      .query(({ input }) => exportMemberData(deps, input)),
    erasureOutcome: serviceProcedure
      .input(z.object({ tenantId: tenantIdSchema, erasureId: z.string().min(1).max(200) }))
      .query(({ input }) => deps.store.erasures.get(input.tenantId, input.erasureId)),
  });
}
