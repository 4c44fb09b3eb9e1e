import type { CustomersDaily } from './api.js';
import { toCsv } from './csv.js';

/** The customer figures the dashboard shows, in order, and how each is written. */
export const customerKpiKeys = [
  'customers',
  'purchasesPerCustomer',
  'newCustomers',
  'repurchaseRate30',
  'repurchaseRate90',
  'clvHistorical',
  'clvPredicted',
  'crossChannelShare',
] as const;
export type CustomerKpiKey = (typeof customerKpiKeys)[number];
export const customerKpiKind: Readonly<Record<CustomerKpiKey, 'count' | 'decimal' | 'money' | 'ratio'>> = {
  customers: 'count',
  purchasesPerCustomer: 'decimal',
  newCustomers: 'count',
  repurchaseRate30: 'ratio',
  repurchaseRate90: 'ratio',
  clvHistorical: 'money',
  clvPredicted: 'money',
  crossChannelShare: 'ratio',
};

type Kpis = CustomersDaily['total'];

/**
 * The CSV of the customer figures: one row per UTC day and a total, money in euros with two
 * decimals and ratios as fractions, the brand and the day the figures were computed in front.
 */
export function customerKpisCsv(
  data: CustomersDaily,
  labels: Readonly<Record<CustomerKpiKey, string>>,
  dayLabel: string,
): string {
  const value = (key: CustomerKpiKey, kpis: Kpis): number | null => {
    const raw = kpis[key];
    if (raw === null) return null;
    return customerKpiKind[key] === 'money' ? Number((raw / 100).toFixed(2)) : raw;
  };
  const asOf = data.asOf ?? '';
  return toCsv(
    ['tenant', 'as of', dayLabel, ...customerKpiKeys.map((key) => labels[key])],
    [
      ...data.days.map((day) => [
        data.tenantId,
        asOf,
        day.day,
        ...customerKpiKeys.map((key) => value(key, day.kpis)),
      ]),
      [
        data.tenantId,
        asOf,
        `${data.from}..${data.to}`,
        ...customerKpiKeys.map((key) => value(key, data.total)),
      ],
    ],
  );
}
