import type { StoreProfile } from '../domain/store-profile.js';
import type { AllowStore } from '../domain/store-scope.js';
import type { StoreProfiles } from '../store/store-profiles.js';

export type StoreProfileWriter = Pick<StoreProfiles, 'upsert'>;

/** Creates or replaces a store's profile (name, address, branding, locales…), for its staff. */
export function saveStoreProfile(
  stores: StoreProfileWriter,
  profile: StoreProfile,
  allow: AllowStore,
): Promise<StoreProfile> {
  allow({ tenantId: profile.tenantId, storeId: profile.storeId });
  return stores.upsert(profile);
}
