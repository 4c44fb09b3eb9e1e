import type { StoreProfileReader } from './get-store-profile.js';

/**
 * The time zone of each of a brand's stores named, for showing a customer's receipts at the
 * stores' own times. A store of another brand, or none, is left out (its times show in UTC, named
 * as such). Zones are not personal and say nothing a receipt does not: whoever reads the brand's
 * customer profiles may have them without reading the stores' profiles.
 */
export async function storeTimeZones(
  stores: StoreProfileReader,
  tenantId: string,
  storeIds: readonly string[],
): Promise<Record<string, string>> {
  const found = await Promise.all(
    [...new Set(storeIds)].map(async (storeId) => {
      const profile = await stores.get(storeId);
      return profile?.tenantId === tenantId ? ([storeId, profile.timeZone] as const) : null;
    }),
  );
  return Object.fromEntries(found.filter((entry) => entry !== null));
}
