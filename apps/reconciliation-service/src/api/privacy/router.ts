import { actorOf, requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { dataSubjectRequest, subjectProfileId } from '../../use-cases/privacy/data-subject.js';
import { eraseProfile, erasureIdOf } from '../../use-cases/privacy/erase.js';
import { erasureReport } from '../../use-cases/privacy/erasure-report.js';
import { exportArchive } from '../../use-cases/privacy/export-archive.js';
import { exportProfile } from '../../use-cases/privacy/export.js';
import type { ApiDeps } from '../api-deps.js';
import { toWire } from '../wire.js';

export const privacyInput = z.object({ tenantId: tenantIdSchema, profileId: z.string().min(1).max(64) });

export const eraseOutput = z.object({
  erasureId: z.string(),
  profileId: z.string(),
  identifiersErased: z.number().int(),
  observationsDeleted: z.number().int(),
  observationsAnonymised: z.number().int(),
});

export const erasureReportInput = z
  .object({
    tenantId: tenantIdSchema,
    erasureId: z.string().min(1).max(64).optional(),
    profileId: z.string().min(1).max(64).optional(),
  })
  .refine((input) => (input.erasureId === undefined) !== (input.profileId === undefined), {
    message: 'give either erasureId or profileId',
    path: ['erasureId'],
  });

/**
 * Data-subject requests, for staff holding `privacy.requests` in the tenant: `export` (this
 * service's data), `exportArchive` (every service's, in one JSON), `erase` (tombstones,
 * `customer.erased`) and `erasureReport` (what each service erased). Reads are audited too.
 */
export function createPrivacyRouter(deps: ApiDeps) {
  const { graph, privacy } = deps;
  return router({
    export: staffProcedure('privacy.requests', { audit: 'read' })
      .input(privacyInput)
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return toWire(await exportProfile({ ...graph, rfm: deps.rfm }, input.tenantId, input.profileId));
      }),
    exportArchive: staffProcedure('privacy.requests', { audit: 'read' })
      .input(dataSubjectRequest)
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const profileId = await subjectProfileId(graph, input);
        return toWire(
          await exportArchive({ ...graph, rfm: deps.rfm, peers: privacy.peers }, input.tenantId, profileId),
        );
      }),
    erase: staffProcedure('privacy.requests')
      .input(privacyInput.extend({ reason: z.string().min(1).max(500).optional() }))
      .output(eraseOutput)
      .mutation(({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return eraseProfile(
          { ...graph, outcomes: privacy.outcomes },
          input.tenantId,
          input.profileId,
          actorOf(ctx.caller, 'service'),
        );
      }),
    erasureReport: staffProcedure('privacy.requests', { audit: 'read' })
      .input(erasureReportInput)
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const erasureId = input.erasureId ?? erasureIdOf(input.tenantId, input.profileId ?? '');
        return toWire(await erasureReport({ ...graph, ...privacy }, input.tenantId, erasureId));
      }),
  });
}
