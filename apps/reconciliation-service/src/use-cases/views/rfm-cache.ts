import { rfmCutoffs, type RfmCutoffs } from '../../domain/profile/rfm.js';
import type { GraphStore } from '../../store/graph-store.js';
import { rfmFactsOf } from './rfm-facts.js';

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
  const compute = async (tenantId: string): Promise<RfmCutoffs> =>
    rfmCutoffs([...(await rfmFactsOf(store, tenantId, clock())).values()]);
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
