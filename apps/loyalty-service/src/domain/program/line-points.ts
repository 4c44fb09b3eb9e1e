import { type AppliedMultiplier, bestMultiplier, type SaleLine } from './campaigns.js';
import type { MemberEarningContext } from './earning-contract.js';
import type { Factor, NoPointsReason } from './explanation.js';
import type { Campaign, ProgramConfig } from './program-config.js';

type EarningRules = ProgramConfig['earning'];

export type LinePoints =
  | { kind: 'excluded'; reason: NoPointsReason }
  | {
      kind: 'earning';
      /** After the rate: product multiplier, campaign, tier; only those that apply. */
      factors: Factor[];
      campaign: AppliedMultiplier | null;
      /** Multiplier campaigns that selected the line but lost to `campaign`. */
      outbid: AppliedMultiplier[];
      /** The line's points from the chain, rounded once at the end. */
      points: number;
      /** What the campaign added to `points` (0 without one). */
      campaignExtra: number;
    };

interface CompiledRules {
  excludedSkus: ReadonlySet<string>;
  excludedCategories: ReadonlySet<string>;
  skuFactors: ReadonlyMap<string, number>;
  categoryFactors: ReadonlyMap<string, number>;
}

// Programs can list thousands of SKUs and a dry run evaluates thousands of sales: look-ups are
// built once per configuration object (configurations are never mutated).
const compiled = new WeakMap<EarningRules, CompiledRules>();

function rulesOf(earning: EarningRules): CompiledRules {
  let rules = compiled.get(earning);
  if (!rules) {
    const firstWins = <T>(entries: [string, T][]) =>
      new Map([...entries].reverse()) as ReadonlyMap<string, T>;
    rules = {
      excludedSkus: new Set(earning.excluded.skus),
      excludedCategories: new Set(earning.excluded.categories),
      skuFactors: firstWins(earning.multipliers.skus.map((entry) => [entry.sku, entry.factor])),
      categoryFactors: firstWins(
        earning.multipliers.categories.map((entry) => [entry.category, entry.factor]),
      ),
    };
    compiled.set(earning, rules);
  }
  return rules;
}

/**
 * Float products of decimal factors carry noise (79 × 1.1 = 86.90000000000001), which `up` would
 * turn into a whole extra point: snap to a millionth of a point first, then round as configured.
 */
export function roundPoints(raw: number, mode: EarningRules['rounding']): number {
  const snapped = Math.round(raw * 1e6) / 1e6;
  switch (mode) {
    case 'down':
      return Math.floor(snapped);
    case 'up':
      return Math.ceil(snapped);
    case 'nearest':
      return Math.round(snapped);
  }
}

/**
 * A line's points before sale-level bonuses and caps: units paid × rate × product multiplier ×
 * campaign × tier, rounded once. The SKU multiplier wins over the category one (the more specific
 * rule is the one the CRM team meant for that article); an excluded SKU or category earns nothing,
 * whatever else applies.
 */
export function linePoints(input: {
  earning: EarningRules;
  campaigns: readonly Campaign[];
  line: SaleLine;
  units: number;
  member: MemberEarningContext;
}): LinePoints {
  const { earning, line, member } = input;
  const rules = rulesOf(earning);
  if (rules.excludedSkus.has(line.sku))
    return { kind: 'excluded', reason: { kind: 'excluded_sku', sku: line.sku } };
  if (line.category !== null && rules.excludedCategories.has(line.category))
    return { kind: 'excluded', reason: { kind: 'excluded_category', category: line.category } };

  const factors: Factor[] = [];
  const skuFactor = rules.skuFactors.get(line.sku);
  const categoryFactor = line.category === null ? undefined : rules.categoryFactors.get(line.category);
  if (skuFactor !== undefined) factors.push({ kind: 'sku', code: line.sku, factor: skuFactor });
  else if (categoryFactor !== undefined && line.category !== null)
    factors.push({ kind: 'category', code: line.category, factor: categoryFactor });

  const { applied, candidates } = bestMultiplier(input.campaigns, line, member);
  const tier: Factor | null =
    member.tier.multiplier === 1
      ? null
      : { kind: 'tier', code: member.tier.code, factor: member.tier.multiplier };
  const product = (chain: readonly Factor[]) =>
    chain.reduce((value, factor) => value * factor.factor, input.units * earning.pointsPerUnit);

  const withoutCampaign = [...factors, ...(tier ? [tier] : [])];
  const withCampaign = [
    ...factors,
    ...(applied ? [{ kind: 'campaign' as const, code: applied.code, factor: applied.factor }] : []),
    ...(tier ? [tier] : []),
  ];
  const points = roundPoints(product(withCampaign), earning.rounding);
  const campaignExtra = applied ? points - roundPoints(product(withoutCampaign), earning.rounding) : 0;
  return {
    kind: 'earning',
    factors: withCampaign,
    campaign: applied,
    outbid: candidates.filter((candidate) => candidate !== applied),
    points,
    campaignExtra,
  };
}
