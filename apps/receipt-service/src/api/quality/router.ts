import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ContactQualityRollups } from '../../store/contact-quality-rollups.js';
import { readContactQuality } from '../../use-cases/count-contact-quality.js';

const day = z.iso.date();
const id = z.string().trim().min(1).max(64);
const MAX_DAYS = 400;

export const contactQualityInput = z
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

const qualityRow = {
  sales: z.number(),
  emailGiven: z.number(),
  emailInvalid: z.number(),
  emailPlaceholder: z.number(),
  badEmailShare: z.number().nullable(),
};

export const contactQualityOutput = z.object({
  tenantId: z.string(),
  storeId: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  total: z.object(qualityRow),
  stores: z.array(z.object({ storeId: z.string(), ...qualityRow })),
  cashiers: z.array(z.object({ storeId: z.string(), cashier: z.string(), ...qualityRow })),
});

/**
 * `quality.contacts`: the share of sales whose e-mail was invalid (ignored at the till) or a
 * placeholder, per store and per cashier, from the rollups the consumer keeps. Counts only, no
 * personal data: staff with `kpis.read` (store managers name one of their stores), and the
 * reconciliation service's weekly audit report with the service token.
 */
export function createQualityRouter(rollups: Pick<ContactQualityRollups, 'read'>) {
  return router({
    contacts: staffProcedure('kpis.read', { services: true })
      .input(contactQualityInput)
      .output(contactQualityOutput)
      .query(({ ctx, input }) => readContactQuality(rollups, input, (scope) => requireScope(ctx, scope))),
  });
}
