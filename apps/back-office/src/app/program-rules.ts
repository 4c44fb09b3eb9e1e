import type { ProgramVersion } from './api.js';
import { fill } from './fill.js';
import type { Messages } from './i18n/messages.js';

type ProgramConfig = ProgramVersion['config'];

export interface RuleSection {
  title: string;
  lines: string[];
}

export interface RuleFormats {
  /** Minor units of the program's currency, as money. */
  money: (minor: number) => string;
  /** A ratio (0–1) as a percentage. */
  percent: (ratio: number) => string;
  /** An ISO date-time as the reader's date. */
  date: (iso: string) => string;
  count: (value: number) => string;
}

/**
 * A program configuration in sentences a CRM team reads (earning, campaigns, tiers, balance,
 * redemption), in the catalogue's language: what the versions and a draft are shown as.
 */
export function describeProgram(
  config: ProgramConfig,
  words: Messages['program']['rules'],
  formats: RuleFormats,
): RuleSection[] {
  const { earning, campaigns, tiers, ledger, redemption } = config;
  const list = (items: readonly string[]) => items.join(', ');
  const earningLines = [
    fill(words.perUnit, {
      points: earning.pointsPerUnit,
      currency: config.currency,
      rounding: words.rounding[earning.rounding],
    }),
    earning.minimumBasket > 0
      ? fill(words.minimumBasket, { amount: formats.money(earning.minimumBasket) })
      : words.noMinimum,
  ];
  const excluded = [
    ...earning.excluded.categories.map((name) => fill(words.category, { name })),
    ...earning.excluded.skus.map((name) => fill(words.sku, { name })),
  ];
  if (excluded.length > 0) earningLines.push(fill(words.excluded, { list: list(excluded) }));
  for (const { category, factor } of earning.multipliers.categories)
    earningLines.push(fill(words.multiplier, { factor, what: fill(words.category, { name: category }) }));
  for (const { sku, factor } of earning.multipliers.skus)
    earningLines.push(fill(words.multiplier, { factor, what: fill(words.sku, { name: sku }) }));
  if (earning.caps.perDay !== null)
    earningLines.push(fill(words.capDay, { points: formats.count(earning.caps.perDay) }));
  if (earning.caps.perMonth !== null)
    earningLines.push(fill(words.capMonth, { points: formats.count(earning.caps.perMonth) }));
  if (earning.caps.perDay === null && earning.caps.perMonth === null) earningLines.push(words.noCaps);

  const campaignLines = campaigns.map((campaign) => {
    const { condition, reward } = campaign;
    const conditionText =
      condition.kind === 'all'
        ? words.conditionAll
        : condition.kind === 'category'
          ? fill(words.conditionCategory, { list: list(condition.categories) })
          : condition.kind === 'sku'
            ? fill(words.conditionSku, { list: list(condition.skus) })
            : words.conditionFirst;
    const rewardText =
      reward.kind === 'multiplier'
        ? fill(words.rewardMultiplier, { factor: reward.factor })
        : fill(words.rewardBonus, { points: formats.count(reward.points) });
    return fill(words.campaign, {
      code: campaign.code,
      name: campaign.name,
      from: formats.date(campaign.startsAt),
      to: formats.date(campaign.endsAt),
      stores:
        campaign.storeIds.length === 0
          ? words.allStores
          : fill(words.someStores, { list: list(campaign.storeIds) }),
      condition: conditionText,
      reward: rewardText,
    });
  });

  const threshold = (value: number) =>
    tiers.basis === 'points' ? formats.count(value) : formats.money(value);
  const tierLines = [
    fill(words.tierBasis, {
      basis: words.basis[tiers.basis],
      months: tiers.windowMonths,
      days: tiers.gracePeriodDays,
    }),
    ...tiers.levels.map((tier) =>
      fill(words.tier, {
        name: tier.name,
        code: tier.code,
        threshold: threshold(tier.threshold),
        multiplier: tier.multiplier,
      }),
    ),
  ];

  const expiry =
    ledger.expiry.kind === 'never'
      ? words.expiryNever
      : ledger.expiry.kind === 'monthsAfterEarning'
        ? fill(words.expiryMonths, { months: ledger.expiry.months })
        : words.expiryYear;
  const ledgerLines = [
    fill(words.pending, { days: ledger.pendingDays }),
    expiry,
    ledger.spentPointsOnReturn === 'recover' ? words.returnRecover : words.returnWriteOff,
    fill(words.retroClaim, { days: ledger.retroClaimDays }),
  ];
  const redemptionLines = [
    fill(words.pointValue, {
      value: formats.money(redemption.pointValue),
      minimum: formats.count(redemption.minimumPoints),
      share: formats.percent(redemption.maxShareOfBasket),
    }),
    fill(words.hold, { minutes: redemption.holdMinutes }),
  ];
  return [
    { title: words.earning, lines: earningLines },
    { title: words.campaigns, lines: campaignLines.length > 0 ? campaignLines : [words.noCampaigns] },
    { title: words.tiers, lines: tierLines },
    { title: words.ledger, lines: ledgerLines },
    { title: words.redemption, lines: redemptionLines },
  ];
}
