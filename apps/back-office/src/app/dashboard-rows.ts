import type { SalesDaily } from './api.js';
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
};

/**
 * The CSV of what the dashboard shows: one row per day and a total, money in euros with two
 * decimals and ratios as fractions (what a spreadsheet computes with), the selection in front.
 */
export function dashboardCsv(
  data: SalesDaily,
  labels: Readonly<Record<KpiKey, string>>,
  dayLabel: string,
): string {
  const value = (key: KpiKey, kpis: SalesDaily['total']['kpis']): number | null => {
    const raw = kpis[key];
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
        ...kpiKeys.map((key) => value(key, day.kpis)),
      ]),
      [
        data.tenantId,
        scope,
        `${data.from}..${data.to}`,
        ...kpiKeys.map((key) => value(key, data.total.kpis)),
      ],
    ],
  );
}
