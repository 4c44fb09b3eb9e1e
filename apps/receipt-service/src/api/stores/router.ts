import { router } from '@scontrino/trpc';
import type { StoreProfileReader } from '../../use-cases/get-store-profile.js';
import type { StoreProfileWriter } from '../../use-cases/save-store-profile.js';
import { getStoreProcedure } from './get-store.js';
import { storeTimeZonesProcedure } from './store-time-zones.js';
import { upsertStoreProcedure } from './upsert-store.js';

export function createStoresRouter(stores: StoreProfileReader & StoreProfileWriter) {
  return router({
    upsert: upsertStoreProcedure(stores),
    get: getStoreProcedure(stores),
    timeZones: storeTimeZonesProcedure(stores),
  });
}
