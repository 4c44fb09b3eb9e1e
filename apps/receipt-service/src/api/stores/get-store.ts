import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { storeProfileSchema } from '../../domain/store-profile.js';
import type { StoreProfiles } from '../../store/store-profiles.js';

export const getStoreInput = z.object({ storeId: storeProfileSchema.shape.storeId });

/** `stores.get`: a store's profile, or NOT_FOUND; for staff of the store, and for the other services. */
export function getStoreProcedure(stores: StoreProfiles) {
  return staffProcedure('stores.read', { services: true })
    .input(getStoreInput)
    .output(storeProfileSchema)
    .query(async ({ ctx, input }) => {
      const profile = await stores.get(input.storeId);
      if (!profile) throw new AppError('store.not_found', `No store ${input.storeId}`, { kind: 'not_found' });
      requireScope(ctx, { tenantId: profile.tenantId, storeId: profile.storeId });
      return profile;
    });
}
