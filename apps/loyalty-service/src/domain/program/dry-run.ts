import { amountsPaid } from './amounts-paid.js';
import { evaluateEarn } from './earning.js';
import type { MemberEarningContext, SaleForEarning } from './earning-contract.js';
import type { ProgramConfig, ProgramVersion } from './program-config.js';

/** One past sale of a member, with the member's context just before it. */
export interface DryRunSale {
  sale: SaleForEarning;
  member: MemberEarningContext;
}

export interface EarningSummary {
  total: number;
  /** Points per campaign code, as `EarnEvaluation.byCampaign` adds them up. */
  byCampaign: Record<string, number>;
}

export interface DryRunReport {
  /** Sales evaluated (members' sales only). */
  sales: number;
  /** Distinct members among them. */
  members: number;
  /** The version the draft is compared with; null when the tenant has none yet (all zeros). */
  currentVersion: number | null;
  current: EarningSummary;
  draft: EarningSummary;
  /** Draft minus current, overall and per campaign of either side. */
  delta: EarningSummary;
  /** Members whose tier, reached on the replayed sales, differs between the two sides. */
  tierChanges: TierChanges;
}

/** One member whose tier differs under the draft. */
export interface TierMove {
  memberId: string;
  /** The tier the replayed sales reach under the version in force (null: no version yet). */
  from: string | null;
  to: string;
  /** Qualifying points (or spend in minor units) of the replayed sales on each side. */
  currentQualifying: number;
  draftQualifying: number;
}

export interface TierChanges {
  upgrades: number;
  downgrades: number;
  /** The first `TIER_MOVES_SHOWN` members who move, largest change of qualifying value first. */
  moves: TierMove[];
}

/** How many members who change tier the report names (the counts cover all of them). */
export const TIER_MOVES_SHOWN = 50;

/** The version number a draft is evaluated under: never a real one. */
export const DRAFT_VERSION = 0;

/**
 * What a draft configuration would have given on past sales, next to what the current version
 * gives on the same sales. Pure.
 *
 * Two things make it more than a loop over `evaluateEarn`:
 * - Tier multipliers come from each side's own configuration (by tier code), so a draft that
 *   changes Gold from ×1.5 to ×2 shows it; a tier the configuration does not know keeps the
 *   member's multiplier.
 * - Caps: a member's daily and monthly room depends on what earlier sales earned. The contexts
 *   tell what the member had actually earned before each sale; the dry run assumes those sales
 *   earned what the current version gives them, and moves the draft's room by the difference
 *   between the two sides on the member's earlier sales of the same UTC day and month.
 */
export function dryRun(input: {
  draft: ProgramConfig;
  current: ProgramVersion | null;
  sales: readonly DryRunSale[];
}): DryRunReport {
  const draftVersion: ProgramVersion = {
    tenantId: input.current?.tenantId ?? '',
    version: DRAFT_VERSION,
    config: input.draft,
    activatedAt: new Date(0),
    activatedBy: 'dry-run',
    note: null,
  };
  const current = emptySummary();
  const draft = emptySummary();
  // Draft minus current points of a member's sales so far, per UTC day and per UTC month.
  const drift = new Map<string, number>();
  const members = new Set<string>();
  // Per member: qualifying points of each side and spend (minor units) over the replayed sales.
  const qualifying = new Map<string, { current: number; draft: number; spend: number }>();

  const ordered = input.sales
    .map((entry, index) => ({ ...entry, index, at: Date.parse(entry.sale.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  for (const { sale, member, index, at } of ordered) {
    const memberKey = member.memberId ?? `sale#${index}`;
    members.add(memberKey);
    const iso = new Date(at).toISOString();
    const dayKey = `${memberKey}|${iso.slice(0, 10)}`;
    const monthKey = `${memberKey}|${iso.slice(0, 7)}`;

    const currentResult = input.current
      ? evaluateEarn(input.current, sale, withTierOf(input.current.config, member))
      : null;
    const draftMember = withTierOf(input.draft, {
      ...member,
      earnedToday: Math.max(0, member.earnedToday + (drift.get(dayKey) ?? 0)),
      earnedThisMonth: Math.max(0, member.earnedThisMonth + (drift.get(monthKey) ?? 0)),
    });
    const draftResult = evaluateEarn(draftVersion, sale, draftMember);

    addTo(current, currentResult?.total ?? 0, currentResult?.byCampaign ?? {});
    addTo(draft, draftResult.total, draftResult.byCampaign);
    const difference = draftResult.total - (currentResult?.total ?? 0);
    const sums = qualifying.get(memberKey) ?? { current: 0, draft: 0, spend: 0 };
    sums.current += currentResult?.total ?? 0;
    sums.draft += draftResult.total;
    sums.spend += amountsPaid(sale).reduce((sum, paid) => sum + paid, 0);
    qualifying.set(memberKey, sums);
    drift.set(dayKey, (drift.get(dayKey) ?? 0) + difference);
    drift.set(monthKey, (drift.get(monthKey) ?? 0) + difference);
  }

  return {
    sales: ordered.length,
    members: members.size,
    currentVersion: input.current?.version ?? null,
    current,
    draft,
    delta: difference(draft, current),
    tierChanges: tierChangesOf(input.current?.config ?? null, input.draft, qualifying),
  };
}

function levelFor(levels: ProgramConfig['tiers']['levels'], value: number): number {
  let index = 0;
  levels.forEach((level, i) => {
    if (value >= level.threshold) index = i;
  });
  return index;
}

/**
 * Each member's tier under either side, from what the replayed sales qualify for (points that side
 * gives, or spend): members whose tier code differs are moves. It reads only the replayed window,
 * so run the dry run over at least the tiers' window (`windowMonths`) for tiers held on a year's
 * history; upgrade or downgrade is by the tier's position in the draft's ladder.
 */
function tierChangesOf(
  current: ProgramConfig | null,
  draft: ProgramConfig,
  qualifying: ReadonlyMap<string, { current: number; draft: number; spend: number }>,
): TierChanges {
  const moves: TierMove[] = [];
  let upgrades = 0;
  let downgrades = 0;
  const valueOf = (config: ProgramConfig, points: number, spend: number) =>
    config.tiers.basis === 'points' ? points : spend;
  for (const [memberId, sums] of qualifying) {
    const currentQualifying = current ? valueOf(current, sums.current, sums.spend) : 0;
    const draftQualifying = valueOf(draft, sums.draft, sums.spend);
    const from = current
      ? (current.tiers.levels[levelFor(current.tiers.levels, currentQualifying)]?.code ?? null)
      : null;
    const toIndex = levelFor(draft.tiers.levels, draftQualifying);
    const to = draft.tiers.levels[toIndex]?.code ?? '';
    if (from === to || (from === null && toIndex === 0)) continue;
    const fromIndex = draft.tiers.levels.findIndex((level) => level.code === from);
    if (toIndex > fromIndex) upgrades += 1;
    else downgrades += 1;
    moves.push({ memberId, from, to, currentQualifying, draftQualifying });
  }
  moves.sort(
    (a, b) =>
      Math.abs(b.draftQualifying - b.currentQualifying) - Math.abs(a.draftQualifying - a.currentQualifying) ||
      a.memberId.localeCompare(b.memberId),
  );
  return { upgrades, downgrades, moves: moves.slice(0, TIER_MOVES_SHOWN) };
}

function withTierOf(config: ProgramConfig, member: MemberEarningContext): MemberEarningContext {
  const level = config.tiers.levels.find((tier) => tier.code === member.tier.code);
  return level ? { ...member, tier: { code: level.code, multiplier: level.multiplier } } : member;
}

const emptySummary = (): EarningSummary => ({ total: 0, byCampaign: {} });

function addTo(summary: EarningSummary, total: number, byCampaign: Record<string, number>): void {
  summary.total += total;
  for (const [code, points] of Object.entries(byCampaign))
    summary.byCampaign[code] = (summary.byCampaign[code] ?? 0) + points;
}

function difference(draft: EarningSummary, current: EarningSummary): EarningSummary {
  const codes = [...new Set([...Object.keys(current.byCampaign), ...Object.keys(draft.byCampaign)])].sort();
  return {
    total: draft.total - current.total,
    byCampaign: Object.fromEntries(
      codes.map((code) => [code, (draft.byCampaign[code] ?? 0) - (current.byCampaign[code] ?? 0)]),
    ),
  };
}
