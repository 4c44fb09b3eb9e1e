import { channelFigures } from '../../domain/profile/channel-figures.js';
import type { RfmInput } from '../../domain/profile/rfm.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';

/**
 * What RFM needs of every live profile of a tenant on `now`, from two scans (profiles,
 * purchases): a purchase counts for every profile holding one of the identifiers that saw it.
 * Read by the RFM cut-offs' cache and by the nightly segment snapshot, never per page view.
 */
export async function rfmFactsOf(
  store: Pick<GraphStore, 'observations' | 'profiles'>,
  tenantId: string,
  now: Date,
): Promise<Map<string, RfmInput>> {
  const purchases = await store.observations.purchasesOf(tenantId);
  const profiles = await store.profiles.identifierListsOf(tenantId);
  const profileOf = new Map(profiles.flatMap((p) => p.identifierIds.map((id) => [id, p._id])));
  const bought = new Map<string, Observation[]>(profiles.map((p) => [p._id, []]));
  for (const purchase of purchases) {
    const owners = new Set(purchase.identifierIds.flatMap((id) => profileOf.get(id) ?? []));
    for (const owner of owners) bought.get(owner)?.push(purchase as unknown as Observation);
  }
  const facts = new Map<string, RfmInput>();
  for (const [profileId, observations] of bought) {
    const figures = channelFigures(observations, now);
    facts.set(profileId, {
      daysSinceLastPurchase: figures.daysSinceLastPurchase ?? 0,
      purchases: figures.purchases,
      spend: figures.spend,
    });
  }
  return facts;
}
