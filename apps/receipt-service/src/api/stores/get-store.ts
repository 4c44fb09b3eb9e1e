import { AppError, serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { storeProfileSchema } from '../../domain/store-profile.js';
import type { StoreProfiles } from '../../store/store-profiles.js';

export const getStoreInput = z.object({ storeId: storeProfileSchema.shape.storeId });

/** `stores.get`: a store's profile, or NOT_FOUND. */
export function getStoreProcedure(stores: StoreProfiles) {
  return serviceProcedure
    .input(getStoreInput)
    .output(storeProfileSchema)
    .query(async ({ input }) => {
      const profile = await stores.get(input.storeId);
      if (!profile) throw new AppError('store.not_found', `No store ${input.storeId}`, { kind: 'not_found' });
      return profile;
    });
}
