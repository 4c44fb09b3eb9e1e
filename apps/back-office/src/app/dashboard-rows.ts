import type { PointsDaily, SalesDaily } from './api.js';
import { toCsv } from './csv.js';

/** The KPIs the dashboard shows, in order, and how each is written. */
export const kpiKeys = [
  'sales',
  'revenue',
  'averageTicket',
  'returnsRate',
  'identifiedShare',
  'digitalReceiptShare',
  'qrClaimRate',
  'emailDeliveryRate',
  'optOutRate',
  'pointsIssued',
  'pointsRedeemed',
  'pointsExpired',
  'redemptionRate',
] as const;
export type KpiKey = (typeof kpiKeys)[number];
export const kpiKind: Readonly<Record<KpiKey, 'count' | 'money' | 'ratio'>> = {
  sales: 'count',
  revenue: 'money',
  averageTicket: 'money',
  returnsRate: 'ratio',
  identifiedShare: 'ratio',
  digitalReceiptShare: 'ratio',
  qrClaimRate: 'ratio',
  emailDeliveryRate: 'ratio',
  optOutRate: 'ratio',
  pointsIssued: 'count',
  pointsRedeemed: 'count',
  pointsExpired: 'count',
  redemptionRate: 'ratio',
};

export type KpiValues = Record<KpiKey, number | null>;

/** What the dashboard shows: the selection, each day with figures in either service, and the total. */
export interface DashboardRows {
  tenantId: string;
  storeId: string | null;
  from: string;
  to: string;
  /** `returns`: how many returns the day had (the sales chart's bars), null without sales figures. */
  days: { day: string; values: KpiValues; returns: number | null }[];
  total: KpiValues;
}

type SalesKpis = SalesDaily['total']['kpis'];
type PointsKpis = PointsDaily['total']['kpis'];

function valuesOf(sales: SalesKpis | undefined, points: PointsKpis | undefined): KpiValues {
  return {
    sales: sales?.sales ?? null,
    revenue: sales?.revenue ?? null,
    averageTicket: sales?.averageTicket ?? null,
    returnsRate: sales?.returnsRate ?? null,
    identifiedShare: sales?.identifiedShare ?? null,
    digitalReceiptShare: sales?.digitalReceiptShare ?? null,
    qrClaimRate: sales?.qrClaimRate ?? null,
    emailDeliveryRate: sales?.emailDeliveryRate ?? null,
    optOutRate: sales?.optOutRate ?? null,
    pointsIssued: points?.issued ?? null,
    pointsRedeemed: points?.redeemed ?? null,
    pointsExpired: points?.expired ?? null,
    redemptionRate: points?.redemptionRate ?? null,
  };
}

/**
 * The receipt service's figures and the loyalty service's, day by day (a day with points and no
 * sale, an expiry, shows its points alone). `points` null: the loyalty figures could not be read.
 */
export function dashboardRows(sales: SalesDaily, points: PointsDaily | null): DashboardRows {
  const salesByDay = new Map(sales.days.map((day) => [day.day, day.kpis]));
  const returns = new Map(sales.days.map((day) => [day.day, day.figures.returns]));
  const pointsByDay = new Map((points?.days ?? []).map((day) => [day.day, day.kpis]));
  const days = [...new Set([...salesByDay.keys(), ...pointsByDay.keys()])].sort();
  return {
    tenantId: sales.tenantId,
    storeId: sales.storeId,
    from: sales.from,
    to: sales.to,
    days: days.map((day) => ({
      day,
      values: valuesOf(salesByDay.get(day), pointsByDay.get(day)),
      returns: returns.get(day) ?? null,
    })),
    total: valuesOf(sales.total.kpis, points?.total.kpis),
  };
}

/**
 * The CSV of what the dashboard shows: one row per day and a total, money in euros with two
 * decimals and ratios as fractions (what a spreadsheet computes with), the selection in front.
 */
export function dashboardCsv(
  data: DashboardRows,
  labels: Readonly<Record<KpiKey, string>>,
  dayLabel: string,
): string {
  const value = (key: KpiKey, values: KpiValues): number | null => {
    const raw = values[key];
    if (raw === null) return null;
    return kpiKind[key] === 'money' ? Number((raw / 100).toFixed(2)) : raw;
  };
  const scope = data.storeId ?? '*';
  return toCsv(
    ['tenant', 'store', dayLabel, ...kpiKeys.map((key) => labels[key])],
    [
      ...data.days.map((day) => [
        data.tenantId,
        scope,
        day.day,
        ...kpiKeys.map((key) => value(key, day.values)),
      ]),
      [data.tenantId, scope, `${data.from}..${data.to}`, ...kpiKeys.map((key) => value(key, data.total))],
    ],
  );
}
