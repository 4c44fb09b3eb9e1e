import { describe, expect, it } from 'vitest';
import type { PointsDaily, SalesDaily } from './api.js';
import { dashboardCsv, dashboardRows, kpiKeys } from './dashboard-rows.js';

const salesKpis = {
  sales: 4,
  revenue: 58_014,
  averageTicket: 15_491,
  returnsRate: 3_950 / 61_964,
  identifiedShare: 0.5,
  digitalReceiptShare: 0.5,
  qrClaimRate: 0.5,
  emailDeliveryRate: 1,
  optOutRate: 0.5,
};
const figures = { returns: 1 } as SalesDaily['total']['figures'];
const sales = {
  tenantId: 'moda-rossi',
  storeId: null,
  from: '2026-11-01',
  to: '2026-11-30',
  days: [{ day: '2026-11-22', figures, kpis: salesKpis }],
  total: { figures, kpis: salesKpis },
} satisfies SalesDaily;
const pointsOf = (issued: number, redeemed: number, expired: number) => ({
  issued,
  issuedAtTill: issued,
  issuedByClaim: 0,
  redeemed,
  expired,
  reversed: 0,
  adjusted: 0,
  redemptionRate: issued === 0 ? null : redeemed / issued,
  claimShare: issued === 0 ? null : 0,
});
const points = {
  tenantId: 'moda-rossi',
  storeId: null,
  from: '2026-11-01',
  to: '2026-11-30',
  days: [
    { day: '2026-11-22', figures: pointsOf(308, 0, 0), kpis: pointsOf(308, 0, 0) },
    // An expiry on a day without sales.
    { day: '2026-11-25', figures: pointsOf(0, 0, 40), kpis: pointsOf(0, 0, 40) },
  ],
  total: { figures: pointsOf(308, 0, 40), kpis: pointsOf(308, 0, 40) },
} satisfies PointsDaily;

describe('the dashboard rows', () => {
  it("puts each day's receipt and points figures side by side, a day with points alone too", () => {
    const rows = dashboardRows(sales, points);
    expect(rows.days.map(({ day, returns }) => [day, returns])).toEqual([
      ['2026-11-22', 1],
      ['2026-11-25', null],
    ]);
    expect(rows.days[1]?.values).toMatchObject({ sales: null, pointsExpired: 40, redemptionRate: null });
    expect(rows.total).toMatchObject({ sales: 4, pointsIssued: 308, pointsExpired: 40, redemptionRate: 0 });
  });

  it('exports what is shown: euros, fractions, empty cells where a figure is missing', () => {
    const labels = Object.fromEntries(kpiKeys.map((key) => [key, key])) as Record<
      (typeof kpiKeys)[number],
      string
    >;
    const lines = dashboardCsv(dashboardRows(sales, null), labels, 'day').split('\r\n');
    expect(lines[0]).toBe(`tenant,store,day,${kpiKeys.join(',')}`);
    expect(lines[1]).toBe(`moda-rossi,*,2026-11-22,4,580.14,154.91,${3_950 / 61_964},0.5,0.5,0.5,1,0.5,,,,`);
  });
});
