import { AppError } from '@scontrino/errors';
import type { StoreProfile } from '../domain/store-profile.js';
import type { AllowStore } from '../domain/store-scope.js';
import type { StoreProfiles } from '../store/store-profiles.js';

export type StoreProfileReader = Pick<StoreProfiles, 'get'>;

/** A store's profile, for its staff and the other services; an unknown store is a 404. */
export async function getStoreProfile(
  stores: StoreProfileReader,
  storeId: string,
  allow: AllowStore,
): Promise<StoreProfile> {
  const profile = await stores.get(storeId);
  if (!profile) throw new AppError('store.not_found', `No store ${storeId}`, { kind: 'not_found' });
  allow({ tenantId: profile.tenantId, storeId: profile.storeId });
  return profile;
}
