import { pointsKpis, type PointsFigures, type PointsKpis, sumPoints } from '../domain/kpis/points-rollup.js';
import type { PointsRollups } from '../store/points-rollups.js';

export interface PointsDailyQuery {
  tenantId: string;
  /** Absent: every store of the tenant, and the points that belong to no store (expiry, returns, corrections). */
  storeId?: string | undefined;
  from: string;
  to: string;
}

export interface PointsDaily {
  tenantId: string;
  storeId: string | null;
  from: string;
  to: string;
  /** Each day with figures, the selected stores summed. */
  days: { day: string; figures: PointsFigures; kpis: PointsKpis }[];
  total: { figures: PointsFigures; kpis: PointsKpis };
}

/**
 * The points figures of a tenant (or one of its stores) per day, from the rollups kept as the
 * ledger is written (never from the ledger). `allow` sees the tenant alone when no store is named.
 */
export async function readPointsDaily(
  rollups: Pick<PointsRollups, 'read'>,
  query: PointsDailyQuery,
  allow: (scope: { tenantId: string; storeId?: string }) => void,
): Promise<PointsDaily> {
  allow({ tenantId: query.tenantId, ...(query.storeId !== undefined && { storeId: query.storeId }) });
  const rows = await rollups.read({
    tenantId: query.tenantId,
    storeId: query.storeId ?? null,
    from: query.from,
    to: query.to,
  });
  const byDay = new Map<string, PointsFigures[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const days = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, figures]) => {
      const summed = sumPoints(figures);
      return { day, figures: summed, kpis: pointsKpis(summed) };
    });
  const total = sumPoints(days.map(({ figures }) => figures));
  return {
    tenantId: query.tenantId,
    storeId: query.storeId ?? null,
    from: query.from,
    to: query.to,
    days,
    total: { figures: total, kpis: pointsKpis(total) },
  };
}
