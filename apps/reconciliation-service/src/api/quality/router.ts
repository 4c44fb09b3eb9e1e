import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { TillQuality } from '../../clients/till-quality.js';
import { isoWeekOf, previousWeek } from '../../domain/quality/weekly-report.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { weeklyQualityReport } from '../../use-cases/quality/weekly-report.js';

const line = {
  sales: z.number(),
  emailGiven: z.number(),
  emailInvalid: z.number(),
  emailPlaceholder: z.number(),
  badEmailShare: z.number().nullable(),
};

export const weeklyReportInput = z.object({
  tenantId: tenantIdSchema,
  /** An ISO week (`2026-W28`); absent: the week just ended. */
  week: z
    .string()
    .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week such as 2026-W28')
    .optional(),
});

/**
 * `quality.weeklyReport`: the data-quality audit of a brand's week (what the Monday e-mail to
 * the administrators says): junk identifiers quarantined, duplicate profiles merged, suggestions
 * pending, and the till's unusable e-mails per store and cashier. Counts only; brand-wide, so
 * store managers are refused (their store's till figures: the receipt service's `quality.contacts`).
 */
export function createQualityRouter(graph: GraphDeps, till: TillQuality | undefined) {
  return router({
    weeklyReport: staffProcedure('profiles.read')
      .input(weeklyReportInput)
      .output(
        z.object({
          tenantId: z.string(),
          week: z.string(),
          thisWeek: z.string(),
          from: z.string(),
          to: z.string(),
          sentAt: z.string().nullable(),
          identities: z.object({
            quarantined: z.number(),
            quarantinedThisWeek: z.number(),
            quarantinedByReason: z.record(z.string(), z.number()),
            mergesThisWeek: z.number(),
            staffMergesThisWeek: z.number(),
            suggestionsPending: z.number(),
          }),
          contacts: z
            .object({
              total: z.object(line),
              stores: z.array(z.object({ storeId: z.string(), ...line })),
              cashiers: z.array(z.object({ storeId: z.string(), cashier: z.string(), ...line })),
            })
            .nullable(),
        }),
      )
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const week = input.week ?? previousWeek(graph.clock());
        const report = await weeklyQualityReport({ ...graph, till }, input.tenantId, week);
        const sent = await graph.store.quality.report(input.tenantId, week);
        return {
          ...report,
          thisWeek: isoWeekOf(graph.clock()),
          sentAt: sent?.sentAt?.toISOString() ?? null,
        };
      }),
  });
}
