import type { RfmInput } from '../../domain/profile/rfm.js';
import type { GraphStore } from '../../store/graph-store.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * What RFM needs of every customer of a tenant on `now`, from their facts (one small document
 * each, kept as events arrive): no purchase is read. A profile without facts bought nothing, so
 * RFM would not score it anyway. The same figures as the customer view's channel figures.
 */
export async function rfmInputsFromCustomerFacts(
  store: Pick<GraphStore, 'customerFacts'>,
  tenantId: string,
  now: Date,
): Promise<Map<string, RfmInput>> {
  const inputs = new Map<string, RfmInput>();
  await store.customerFacts.eachOf(tenantId, (facts) =>
    inputs.set(facts.profileId, {
      daysSinceLastPurchase: Math.max(0, Math.floor((now.getTime() - facts.lastPurchaseAt.getTime()) / DAY)),
      purchases: facts.purchases,
      spend: facts.revenue,
    }),
  );
  return inputs;
}
