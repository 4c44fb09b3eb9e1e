import { identifierTypes } from '@scontrino/identity';
import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { tenantConfig } from '../../use-cases/linking/tenant-config.js';

export const blocklistEntry = z
  .object({
    type: z.enum(identifierTypes),
    value: z.string().min(1).max(320).optional(),
    prefix: z.string().min(1).max(320).optional(),
  })
  .refine((entry) => (entry.value === undefined) !== (entry.prefix === undefined), {
    message: 'give value or prefix',
    path: ['value'],
  });

export const settingsInput = z.object({
  tenantId: tenantIdSchema,
  limits: z.partialRecord(z.enum(identifierTypes), z.number().int().min(1).max(1000)).default({}),
  junkK: z.number().int().min(1).max(10_000).nullable().default(null),
  /** Normalised values (or their prefixes): a store's own phone in E.164, placeholder e-mails. */
  blocklist: z.array(blocklistEntry).max(1000).default([]),
  email: z
    .object({ gmailDots: z.boolean(), plusTags: z.boolean() })
    .default({ gmailDots: false, plusTags: false }),
});

/**
 * `settings.get` (the guards in force for a tenant: defaults, environment, its own) and
 * `settings.update` (its own, replacing the previous ones; applied to what is linked from now on).
 */
export function createSettingsRouter(graph: GraphDeps) {
  return router({
    get: staffProcedure('settings.read')
      .input(z.object({ tenantId: tenantIdSchema }))
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const { graph: config, email } = await tenantConfig(
          graph.store.staff,
          graph.defaults,
          input.tenantId,
        );
        return { limits: config.limits, junkK: config.junkK, blocklist: config.blocklist, email };
      }),
    update: staffProcedure('settings.manage')
      .input(settingsInput)
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const { tenantId, ...settings } = input;
        await graph.store.staff.putSettings({ _id: tenantId, ...settings, updatedAt: graph.clock() });
        return { updated: true };
      }),
  });
}
