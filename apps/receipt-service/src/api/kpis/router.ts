import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { rollupCounters, type RollupFigures } from '../../domain/sales-rollup.js';
import { readSalesDaily, type SalesRollupReader } from '../../use-cases/read-sales-daily.js';

const day = z.iso.date();
const id = z.string().trim().min(1).max(64);
/** A year and a bit: what a dashboard compares, and what one answer carries at most. */
const MAX_DAYS = 400;

export const salesDailyInput = z
  .object({
    tenantId: id,
    /** Absent: every store of the tenant (refused to staff limited to some stores). */
    storeId: id.optional(),
    from: day,
    to: day,
  })
  .refine(({ from, to }) => from <= to, { error: 'from is after to', path: ['to'] })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / 86_400_000 < MAX_DAYS, {
    error: `at most ${MAX_DAYS} days`,
    path: ['to'],
  });

const figuresSchema = z.object(
  Object.fromEntries(rollupCounters.map((name) => [name, z.number()])) as Record<
    keyof RollupFigures,
    z.ZodNumber
  >,
);
const kpisSchema = z.object({
  sales: z.number(),
  revenue: z.number(),
  averageTicket: z.number().nullable(),
  returnsRate: z.number().nullable(),
  identifiedShare: z.number().nullable(),
  digitalReceiptShare: z.number().nullable(),
  qrClaimRate: z.number().nullable(),
  emailDeliveryRate: z.number().nullable(),
  optOutRate: z.number().nullable(),
});

export const salesDailyOutput = z.object({
  tenantId: z.string(),
  storeId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** Each day with figures, the selected stores summed. */
  days: z.array(z.object({ day: z.string(), figures: figuresSchema, kpis: kpisSchema })),
  total: z.object({ figures: figuresSchema, kpis: kpisSchema }),
});

/**
 * `kpis.salesDaily`: the receipt figures of a tenant (or one of its stores) per day, from the
 * rollups the service's consumer keeps (never from the sales). Staff limited to some stores name
 * one of theirs; the others may ask for the whole tenant.
 */
export function createKpisRouter(rollups: SalesRollupReader) {
  return router({
    salesDaily: staffProcedure('kpis.read')
      .input(salesDailyInput)
      .output(salesDailyOutput)
      .query(({ ctx, input }) => readSalesDaily(rollups, input, (scope) => requireScope(ctx, scope))),
  });
}
