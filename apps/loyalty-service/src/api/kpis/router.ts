import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { pointsCounters, type PointsCounter } from '../../domain/kpis/points-rollup.js';
import type { PointsRollups } from '../../store/points-rollups.js';
import { readPointsDaily } from '../../use-cases/read-points-daily.js';

const day = z.iso.date();
const id = z.string().trim().min(1).max(64);
/** A year and a bit, as the receipt service's `kpis.salesDaily`. */
const MAX_DAYS = 400;

export const pointsDailyInput = z
  .object({ tenantId: id, storeId: id.optional(), from: day, to: day })
  .refine(({ from, to }) => from <= to, { error: 'from is after to', path: ['to'] })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / 86_400_000 < MAX_DAYS, {
    error: `at most ${MAX_DAYS} days`,
    path: ['to'],
  });

const figures = Object.fromEntries(pointsCounters.map((name) => [name, z.number()])) as Record<
  PointsCounter,
  z.ZodNumber
>;
const figuresSchema = z.object(figures);
const kpisSchema = z.object({
  ...figures,
  redemptionRate: z.number().nullable(),
  claimShare: z.number().nullable(),
});

export const pointsDailyOutput = z.object({
  tenantId: z.string(),
  storeId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ day: z.string(), figures: figuresSchema, kpis: kpisSchema })),
  total: z.object({ figures: figuresSchema, kpis: kpisSchema }),
});

/**
 * `kpis.pointsDaily`: points issued, redeemed, expired… of a tenant (or one of its stores) per day,
 * from the rollups kept as the ledger is written. Staff limited to some stores name one of theirs.
 */
export function createKpisRouter(rollups: Pick<PointsRollups, 'read'>) {
  return router({
    pointsDaily: staffProcedure('kpis.read')
      .input(pointsDailyInput)
      .output(pointsDailyOutput)
      .query(({ ctx, input }) => readPointsDaily(rollups, input, (scope) => requireScope(ctx, scope))),
  });
}
