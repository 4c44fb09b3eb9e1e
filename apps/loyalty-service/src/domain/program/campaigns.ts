import type { MemberEarningContext, SaleForEarning } from './earning-contract.js';
import type { Campaign } from './program-config.js';

export type SaleLine = SaleForEarning['lines'][number];

/**
 * Whether a campaign runs for this sale: its window holds the moment of the sale (start included,
 * end excluded, so back-to-back campaigns never overlap by an instant) and, when it names stores,
 * the sale's store is one of them.
 */
export function campaignRunsFor(
  campaign: Campaign,
  sale: Pick<SaleForEarning, 'occurredAt' | 'storeId'>,
): boolean {
  const at = Date.parse(sale.occurredAt);
  if (Number.isNaN(at)) return false;
  if (at < Date.parse(campaign.startsAt) || at >= Date.parse(campaign.endsAt)) return false;
  return campaign.storeIds.length === 0 || campaign.storeIds.includes(sale.storeId);
}

/** Whether a campaign's condition selects this line of this member's sale. */
export function conditionSelects(
  condition: Campaign['condition'],
  line: SaleLine,
  member: Pick<MemberEarningContext, 'firstPurchase'>,
): boolean {
  switch (condition.kind) {
    case 'all':
      return true;
    case 'category':
      return line.category !== null && condition.categories.includes(line.category);
    case 'sku':
      return condition.skus.includes(line.sku);
    case 'firstPurchase':
      return member.firstPurchase;
  }
}

export interface AppliedMultiplier {
  code: string;
  factor: number;
}

/**
 * Multiplier campaigns do not stack: of those selecting a line, the one with the highest factor
 * applies (the first in the program on a tie). Two overlapping "double points" campaigns thus give
 * double points, not quadruple, and the cost of a campaign can be read on its own.
 */
export function bestMultiplier(
  campaigns: readonly Campaign[],
  line: SaleLine,
  member: Pick<MemberEarningContext, 'firstPurchase'>,
): { applied: AppliedMultiplier | null; candidates: AppliedMultiplier[] } {
  const candidates: AppliedMultiplier[] = [];
  for (const campaign of campaigns) {
    if (campaign.reward.kind !== 'multiplier') continue;
    if (!conditionSelects(campaign.condition, line, member)) continue;
    candidates.push({ code: campaign.code, factor: campaign.reward.factor });
  }
  const applied = candidates.reduce<AppliedMultiplier | null>(
    (best, candidate) => (best === null || candidate.factor > best.factor ? candidate : best),
    null,
  );
  return { applied, candidates };
}
