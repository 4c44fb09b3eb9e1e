import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { customerView } from '../../use-cases/views/customer-view.js';
import { staffCustomerView } from '../../use-cases/views/staff-view.js';
import type { ApiDeps } from '../api-deps.js';
import { toWire } from '../wire.js';

export const getProfileInput = z.object({ tenantId: tenantIdSchema, profileId: z.string().min(1).max(64) });

/**
 * `profiles.get`: the single customer view, masked for every caller (see `StaffCustomerView`;
 * dates as ISO strings): hashes to curate with, `m•••o@e•••.it` to recognise, the name as
 * initials. Clear values: `profiles.reveal`. An absorbed profile id answers with its survivor
 * (`profileId` differs from `requestedId`).
 */
export function getProfileProcedure(deps: ApiDeps) {
  return staffProcedure('profiles.read', { audit: 'read' })
    .input(getProfileInput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const view = await customerView({ ...deps.graph, rfm: deps.rfm }, input.tenantId, input.profileId);
      if (!view)
        throw new AppError('profile.not_found', 'No such profile for this tenant', { kind: 'not_found' });
      return toWire(staffCustomerView(view));
    });
}
