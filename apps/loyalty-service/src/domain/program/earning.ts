import { amountsPaid } from './amounts-paid.js';
import { type CapAllowance, capAllowance } from './caps.js';
import { campaignRunsFor, conditionSelects, type SaleLine } from './campaigns.js';
import type {
  EarnEvaluation,
  EarnedLine,
  EvaluateEarn,
  MemberEarningContext,
  SaleForEarning,
} from './earning-contract.js';
import { describeLine, describeNoPoints, type LineExplanation, type NoPointsReason } from './explanation.js';
import { shareOut } from './largest-remainder.js';
import { type LinePoints, linePoints } from './line-points.js';
import { formatAmount, toUnits } from './money.js';
import type { Campaign, ProgramConfig, ProgramVersion } from './program-config.js';

interface Working {
  line: SaleLine;
  /** Minor units paid for the line: its total less its share of the basket discount. */
  paid: number;
  outcome: LinePoints;
  bonuses: { code: string; points: number }[];
  uncapped: number;
}

/** What the sale adds up as it is evaluated: points per campaign and sale-level sentences. */
interface Tally {
  byCampaign: Record<string, number>;
  notes: string[];
}

/**
 * The points a member earns on a sale under one program version: per line, units paid (after its
 * share of the basket discount) × rate × product multiplier × best campaign × tier, rounded; then
 * bonus campaigns shared over their lines by the amount paid; then the daily and monthly caps on the
 * sale's total, shared back over the lines. Every line says how its points came about. Pure: the
 * same inputs give the same answer, always.
 */
export const evaluateEarn: EvaluateEarn = (program, sale, member) => {
  const blocked = saleBlock(program, sale);
  if (blocked) return nothingEarned(program, sale, blocked);

  const config = program.config;
  const campaigns = config.campaigns.filter((campaign) => campaignRunsFor(campaign, sale));
  const tally: Tally = { byCampaign: {}, notes: [] };
  if (sale.totals.discountTotal > 0)
    tally.notes.push(
      `basket discount of ${formatAmount(sale.totals.discountTotal, sale.currency)} shared over the lines by value: points count what was paid`,
    );

  const paid = amountsPaid(sale);
  const working = sale.lines.map((line, index) =>
    earnLine({ line, paid: paid[index] ?? 0, currency: sale.currency, config, campaigns, member, tally }),
  );
  for (const campaign of campaigns) addBonus(campaign, working, member, tally);

  const { finalPoints, limit } = applyCap(working, config.earning.caps, member, tally);

  const lines: EarnedLine[] = working.map((entry, index) => {
    const points = finalPoints[index] ?? 0;
    const { line, outcome } = entry;
    const because: LineExplanation =
      outcome.kind === 'excluded'
        ? { kind: 'no_points', lineId: line.lineId, reason: outcome.reason }
        : {
            kind: 'earned',
            lineId: line.lineId,
            points,
            paid: { minor: entry.paid, currency: sale.currency },
            rate: config.earning.pointsPerUnit,
            factors: outcome.factors,
            chainPoints: outcome.points,
            bonuses: entry.bonuses,
            cap: points < entry.uncapped && limit ? { period: limit.kind, uncapped: entry.uncapped } : null,
          };
    return {
      lineId: line.lineId,
      sku: line.sku,
      quantity: line.quantity,
      points,
      because,
      explanation: describeLine(because),
    };
  });
  return {
    programVersion: program.version,
    total: lines.reduce((sum, line) => sum + line.points, 0),
    lines,
    byCampaign: tally.byCampaign,
    notes: tally.notes,
  };
};

/** A line's own points (the chain of step 2), the campaign's extra counted and an outbid one noted. */
function earnLine(input: {
  line: SaleLine;
  paid: number;
  currency: string;
  config: ProgramConfig;
  campaigns: readonly Campaign[];
  member: MemberEarningContext;
  tally: Tally;
}): Working {
  const { line, paid, campaigns, member, tally } = input;
  const units = toUnits(paid, input.currency);
  const outcome = linePoints({ earning: input.config.earning, campaigns, line, units, member });
  if (outcome.kind === 'earning' && outcome.campaign) {
    addTo(tally, outcome.campaign.code, outcome.campaignExtra);
    if (outcome.outbid.length > 0)
      tally.notes.push(
        `line ${line.lineId}: campaign ${outcome.campaign.code} ×${outcome.campaign.factor} applies, the best of ${[outcome.campaign, ...outcome.outbid].map((c) => `${c.code} ×${c.factor}`).join(', ')}`,
      );
  }
  return { line, paid, outcome, bonuses: [], uncapped: outcome.kind === 'earning' ? outcome.points : 0 };
}

function addTo(tally: Tally, code: string, points: number): void {
  tally.byCampaign[code] = (tally.byCampaign[code] ?? 0) + points;
}

/**
 * A bonus campaign's points, shared over the earning lines it selects by what was paid for them
 * (equally when all were free). Given once per sale, and not at all when no earning line qualifies.
 */
function addBonus(campaign: Campaign, working: Working[], member: MemberEarningContext, tally: Tally): void {
  if (campaign.reward.kind !== 'bonus') return;
  const selected = working.filter(
    (entry) => entry.outcome.kind === 'earning' && conditionSelects(campaign.condition, entry.line, member),
  );
  if (selected.length === 0) return;
  const shares = shareOut(
    campaign.reward.points,
    selected.map((entry) => entry.paid),
  );
  selected.forEach((entry, index) => {
    const points = shares[index] ?? 0;
    entry.bonuses.push({ code: campaign.code, points });
    entry.uncapped += points;
  });
  addTo(tally, campaign.code, campaign.reward.points);
  tally.notes.push(
    `bonus ${campaign.code}: ${campaign.reward.points} pts shared over line${selected.length > 1 ? 's' : ''} ${selected.map((entry) => entry.line.lineId).join(', ')} by value`,
  );
}

/**
 * The daily and monthly caps on the sale's total: when it passes the room the member has left, the
 * room is shared back over the lines in proportion to their points, and each campaign keeps the same
 * share of it (rounded toward zero, so never more than the total).
 */
function applyCap(
  working: readonly Working[],
  caps: ProgramConfig['earning']['caps'],
  member: MemberEarningContext,
  tally: Tally,
): { finalPoints: number[]; limit: CapAllowance['limit'] } {
  const uncapped = working.map((entry) => entry.uncapped);
  const uncappedTotal = uncapped.reduce((sum, points) => sum + points, 0);
  const { allowed, limit } = capAllowance(caps, member);
  if (limit === null || uncappedTotal <= allowed) return { finalPoints: uncapped, limit };

  const period = limit.kind === 'daily' ? 'today' : 'this month';
  tally.notes.push(
    `${limit.kind} cap of ${limit.cap} pts: ${allowed} of ${uncappedTotal} pts given (${limit.alreadyEarned} already earned ${period})`,
  );
  for (const code of Object.keys(tally.byCampaign))
    tally.byCampaign[code] = Math.trunc(((tally.byCampaign[code] ?? 0) * allowed) / uncappedTotal);
  return { finalPoints: shareOut(allowed, uncapped), limit };
}

/** Why the whole sale earns nothing, if it does not: a return, another currency, a small basket. */
function saleBlock(program: ProgramVersion, sale: SaleForEarning): NoPointsReason | null {
  const config = program.config;
  if (sale.type === 'return') return { kind: 'return' };
  if (sale.currency !== config.currency)
    return { kind: 'other_currency', saleCurrency: sale.currency, programCurrency: config.currency };
  if (sale.totals.total < config.earning.minimumBasket)
    return {
      kind: 'below_minimum',
      basket: { minor: sale.totals.total, currency: sale.currency },
      minimum: { minor: config.earning.minimumBasket, currency: sale.currency },
    };
  return null;
}

function nothingEarned(
  program: ProgramVersion,
  sale: SaleForEarning,
  reason: NoPointsReason,
): EarnEvaluation {
  return {
    programVersion: program.version,
    total: 0,
    lines: sale.lines.map((line) => {
      const because: LineExplanation = { kind: 'no_points', lineId: line.lineId, reason };
      return {
        lineId: line.lineId,
        sku: line.sku,
        quantity: line.quantity,
        points: 0,
        because,
        explanation: describeLine(because),
      };
    }),
    byCampaign: {},
    notes: [`no points: ${describeNoPoints(reason)}`],
  };
}
