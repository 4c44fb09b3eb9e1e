import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { storeProfileSchema } from '../../domain/store-profile.js';
import { getStoreProfile, type StoreProfileReader } from '../../use-cases/get-store-profile.js';

export const getStoreInput = z.object({ storeId: storeProfileSchema.shape.storeId });

/** `stores.get`: a store's profile, or NOT_FOUND; for staff of the store, and for the other services. */
export function getStoreProcedure(stores: StoreProfileReader) {
  return staffProcedure('stores.read', { services: true })
    .input(getStoreInput)
    .output(storeProfileSchema)
    .query(({ ctx, input }) => getStoreProfile(stores, input.storeId, (scope) => requireScope(ctx, scope)));
}
