import { requireScope, staffProcedure } from '@scontrino/trpc';
import { storeProfileSchema } from '../../domain/store-profile.js';
import { saveStoreProfile, type StoreProfileWriter } from '../../use-cases/save-store-profile.js';

/** `stores.upsert`: creates or replaces a store's profile; moving a store to another tenant is a 409. */
export function upsertStoreProcedure(stores: StoreProfileWriter) {
  return staffProcedure('stores.manage')
    .input(storeProfileSchema)
    .output(storeProfileSchema)
    .mutation(({ ctx, input }) => saveStoreProfile(stores, input, (scope) => requireScope(ctx, scope)));
}
