import { describe, expect, it } from 'vitest';
import type { CustomersDaily } from './api.js';
import { customerKpiKeys, customerKpisCsv } from './customer-kpi-rows.js';

const kpis = (customers: number, clvHistorical: number | null) => ({
  customers,
  purchases: customers * 2,
  purchasesPerCustomer: customers > 0 ? 2 : null,
  crossChannelCustomers: 1,
  crossChannelShare: customers > 0 ? 1 / customers : null,
  newCustomers: 1,
  repurchaseRate30: 0.5,
  repurchaseRate90: null,
  clvHistorical,
  clvPredicted: null,
  averageTicket: 3583,
  purchasesPerYear: 6.78,
  expectedYears: null,
});
const data = {
  tenantId: 'moda-rossi',
  from: '2026-04-01',
  to: '2026-04-30',
  asOf: '2026-08-01',
  builtAt: '2026-08-01T02:15:00.000Z',
  days: [{ day: '2026-04-10', kpis: kpis(1, 716_667) }],
  total: kpis(3, 716_667),
} satisfies CustomersDaily;

describe('customer figures CSV', () => {
  it('writes a row per day and a total, euros with cents, ratios as fractions, nothing for a missing ratio', () => {
    const labels = Object.fromEntries(customerKpiKeys.map((key) => [key, key])) as Record<
      (typeof customerKpiKeys)[number],
      string
    >;
    const lines = customerKpisCsv(data, labels, 'day').trimEnd().split('\r\n');
    expect(lines[0]).toBe(`tenant,as of,day,${customerKpiKeys.join(',')}`);
    expect(lines[1]).toBe('moda-rossi,2026-08-01,2026-04-10,1,2,1,0.5,,7166.67,,1');
    expect(lines[2]).toBe(`moda-rossi,2026-08-01,2026-04-01..2026-04-30,3,2,1,0.5,,7166.67,,${1 / 3}`);
  });
});
