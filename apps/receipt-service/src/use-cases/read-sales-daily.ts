import { type RollupFigures, salesKpis, type SalesKpis, sumFigures } from '../domain/sales-rollup.js';
import type { SalesRollups } from '../store/sales-rollups.js';

export type SalesRollupReader = Pick<SalesRollups, 'read'>;

export interface SalesDailyQuery {
  tenantId: string;
  /** Absent: every store of the tenant. */
  storeId?: string | undefined;
  from: string;
  to: string;
}

export interface SalesDaily {
  tenantId: string;
  storeId: string | null;
  from: string;
  to: string;
  /** Each day with figures, the selected stores summed. */
  days: { day: string; figures: RollupFigures; kpis: SalesKpis }[];
  total: { figures: RollupFigures; kpis: SalesKpis };
}

/**
 * The receipt figures of a tenant (or one of its stores) per day, from the rollups the service's
 * consumer keeps (never from the sales). `allow` sees the tenant alone when no store is named.
 */
export async function readSalesDaily(
  rollups: SalesRollupReader,
  query: SalesDailyQuery,
  allow: (scope: { tenantId: string; storeId?: string }) => void,
): Promise<SalesDaily> {
  allow({ tenantId: query.tenantId, ...(query.storeId !== undefined && { storeId: query.storeId }) });
  const rows = await rollups.read({
    tenantId: query.tenantId,
    storeIds: query.storeId === undefined ? null : [query.storeId],
    from: query.from,
    to: query.to,
  });
  const byDay = new Map<string, RollupFigures[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const days = [...byDay].map(([dayOf, figures]) => {
    const summed = sumFigures(figures);
    return { day: dayOf, figures: summed, kpis: salesKpis(summed) };
  });
  const total = sumFigures(days.map(({ figures }) => figures));
  return {
    tenantId: query.tenantId,
    storeId: query.storeId ?? null,
    from: query.from,
    to: query.to,
    days,
    total: { figures: total, kpis: salesKpis(total) },
  };
}
