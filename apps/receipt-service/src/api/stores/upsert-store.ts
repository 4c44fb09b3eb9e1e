import { requireScope, staffProcedure } from '@scontrino/trpc';
import { storeProfileSchema } from '../../domain/store-profile.js';
import type { StoreProfiles } from '../../store/store-profiles.js';

/** `stores.upsert`: creates or replaces a store's profile; moving a store to another tenant is a 409. */
export function upsertStoreProcedure(stores: StoreProfiles) {
  return staffProcedure('stores.manage')
    .input(storeProfileSchema)
    .output(storeProfileSchema)
    .mutation(({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId, storeId: input.storeId });
      return stores.upsert(input);
    });
}
