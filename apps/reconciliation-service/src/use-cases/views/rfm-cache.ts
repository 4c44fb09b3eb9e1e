import { channelFigures } from '../../domain/profile/channel-figures.js';
import { rfmCutoffs, type RfmCutoffs } from '../../domain/profile/rfm.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';

export interface RfmCache {
  cutoffs(tenantId: string): Promise<RfmCutoffs>;
}

/**
 * RFM quintiles need every customer of the retailer: computed from two scans (profiles,
 * purchases) and kept for `ttlMs`, since a single customer view must not scan the tenant each time.
 * A purchase counts for every profile holding one of the identifiers that saw it.
 */
export function createRfmCache(store: GraphStore, clock: () => Date, ttlMs = 10 * 60 * 1000): RfmCache {
  const cached = new Map<string, { at: number; cutoffs: Promise<RfmCutoffs> }>();
  const compute = async (tenantId: string): Promise<RfmCutoffs> => {
    const now = clock();
    const purchases = await store.observations.purchasesOf(tenantId);
    const profiles = await store.profiles.identifierListsOf(tenantId);
    const profileOf = new Map(profiles.flatMap((p) => p.identifierIds.map((id) => [id, p._id])));
    const bought = new Map<string, Observation[]>(profiles.map((p) => [p._id, []]));
    for (const purchase of purchases) {
      const owners = new Set(purchase.identifierIds.flatMap((id) => profileOf.get(id) ?? []));
      for (const owner of owners) bought.get(owner)?.push(purchase as unknown as Observation);
    }
    return rfmCutoffs(
      [...bought.values()].map((observations) => {
        const figures = channelFigures(observations, now);
        return {
          daysSinceLastPurchase: figures.daysSinceLastPurchase ?? 0,
          purchases: figures.purchases,
          spend: figures.spend,
        };
      }),
    );
  };
  return {
    cutoffs(tenantId) {
      const now = clock().getTime();
      const hit = cached.get(tenantId);
      if (hit && now - hit.at < ttlMs) return hit.cutoffs;
      const cutoffs = compute(tenantId);
      cached.set(tenantId, { at: now, cutoffs });
      cutoffs.catch(() => cached.delete(tenantId));
      return cutoffs;
    },
  };
}
