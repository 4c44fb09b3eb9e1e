import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { readCustomersDaily } from '../../use-cases/kpis/customer-facts.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';

const day = z.iso.date('a day as YYYY-MM-DD');
/** A year and a bit, as the other services' `kpis.*Daily`. */
const MAX_DAYS = 400;

export const customersDailyInput = z
  .object({ tenantId: tenantIdSchema, from: day, to: day })
  .refine(({ from, to }) => from <= to, { error: 'from is after to', path: ['to'] })
  .refine(({ from, to }) => (Date.parse(to) - Date.parse(from)) / 86_400_000 < MAX_DAYS, {
    error: `at most ${MAX_DAYS} days`,
    path: ['to'],
  });

const count = z.number().int();
const share = z.number().nullable();
const kpis = z.object({
  customers: count,
  purchases: count,
  purchasesPerCustomer: share,
  crossChannelCustomers: count,
  crossChannelShare: share,
  newCustomers: count,
  repurchaseRate30: share,
  repurchaseRate90: share,
  clvHistorical: z.number().int().nullable(),
  clvPredicted: z.number().int().nullable(),
  averageTicket: z.number().int().nullable(),
  purchasesPerYear: share,
  expectedYears: share,
});

export const customersDailyOutput = z.object({
  tenantId: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().nullable(),
  builtAt: z.string().nullable(),
  days: z.array(z.object({ day: z.string(), kpis })),
  total: kpis,
});

/**
 * `kpis.customersDaily`: a brand's customer figures (purchases per customer, repurchase rate,
 * CLV, cross-channel customers) per UTC day and over the range, from the day counters built from
 * the customers' facts; no purchase and no profile is read per request. Counts only, no personal
 * data, so the CRM analyst sees what the admin sees. Customers are the brand's, not a store's: a
 * member of staff limited to stores is refused (403), as for the whole brand's sales.
 */
export function createKpisRouter(graph: Pick<GraphDeps, 'store'>) {
  return router({
    customersDaily: staffProcedure('kpis.read')
      .input(customersDailyInput)
      .output(customersDailyOutput)
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return readCustomersDaily(graph, input);
      }),
  });
}
