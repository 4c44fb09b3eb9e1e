import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { customerView } from '../../use-cases/views/customer-view.js';
import { revealedProfile, revealFields } from '../../use-cases/views/reveal.js';
import type { ApiDeps } from '../api-deps.js';

export const revealProfileInput = z.object({
  tenantId: tenantIdSchema,
  profileId: z.string().min(1).max(64),
  /** What to show in clear: identifier types and/or `name`; ask only for what the case needs. */
  fields: z
    .array(z.enum(revealFields))
    .min(1, 'name at least one field to reveal')
    .max(revealFields.length)
    .refine((fields) => new Set(fields).size === fields.length, 'each field once'),
  /** Why: the ticket or request it serves. It goes to the audit log with who, when and what. */
  reason: z.string().trim().min(10, 'say why, e.g. the ticket or request (10 to 500 characters)').max(500),
});

export const revealProfileOutput = z.object({
  profileId: z.string(),
  requestedId: z.string(),
  fields: z.array(z.enum(revealFields)),
  identifiers: z.array(
    z.object({ type: z.enum(revealFields), hash: z.string(), value: z.string(), verified: z.boolean() }),
  ),
  name: z.string().nullable().optional(),
});

/**
 * `profiles.reveal`: one profile's e-mail, phone, card, name… in clear, for staff holding
 * `identity.reveal` (support, admin), with a reason. Every call (and every refused attempt) is in
 * the audit log with the actor, the profile, the fields asked for and the reason. One profile a
 * call: no listing ever reveals. A mutation (POST) although it changes nothing but the audit log:
 * the reason stays out of URLs and access logs, and no browser or proxy caches the answer.
 */
export function revealProfileProcedure(deps: ApiDeps) {
  return staffProcedure('identity.reveal', { audit: 'read' })
    .input(revealProfileInput)
    .output(revealProfileOutput)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const view = await customerView({ ...deps.graph, rfm: deps.rfm }, input.tenantId, input.profileId);
      if (!view)
        throw new AppError('profile.not_found', 'No such profile for this tenant', { kind: 'not_found' });
      return revealedProfile(view, input.fields);
    });
}
