import { router } from '@scontrino/trpc';
import type { StoreProfiles } from '../../store/store-profiles.js';
import { getStoreProcedure } from './get-store.js';
import { upsertStoreProcedure } from './upsert-store.js';

export function createStoresRouter(stores: StoreProfiles) {
  return router({ upsert: upsertStoreProcedure(stores), get: getStoreProcedure(stores) });
}
