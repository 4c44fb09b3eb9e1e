import { AppError } from '@scontrino/errors';
import { z } from 'zod';
import type { GraphDeps } from '../linking/graph-deps.js';
import { identifierIdFromRef, tenantIdSchema } from '../linking/identifier-ref.js';

/** Whom a data-subject request is about: a profile, or the e-mail address or card they gave. */
export const dataSubjectRequest = z
  .object({
    tenantId: tenantIdSchema,
    profileId: z.string().min(1).max(64).optional(),
    email: z.string().min(3).max(254).optional(),
    cardNumber: z.string().min(4).max(40).optional(),
  })
  .refine((request) => [request.profileId, request.email, request.cardNumber].filter(Boolean).length === 1, {
    message: 'give exactly one of profileId, email, cardNumber',
    path: ['profileId'],
  });
export type DataSubjectRequest = z.infer<typeof dataSubjectRequest>;

/** The live profile a request names (a merged-away profile answers with its survivor); 404 if none. */
export async function subjectProfileId(
  deps: Pick<GraphDeps, 'store' | 'crypto' | 'defaults'>,
  request: DataSubjectRequest,
): Promise<string> {
  const notFound = () =>
    new AppError('privacy.subject_not_found', 'Nobody is known by that for this tenant', {
      kind: 'not_found',
    });
  if (request.profileId !== undefined) {
    const profile = await deps.store.profiles.resolveLive(request.profileId);
    if (!profile || profile.tenantId !== request.tenantId) throw notFound();
    return profile._id;
  }
  const ref =
    request.email !== undefined
      ? { type: 'email' as const, value: request.email }
      : { type: 'card' as const, value: request.cardNumber ?? '' };
  const identifier = await deps.store.identifiers.get(await identifierIdFromRef(deps, request.tenantId, ref));
  if (!identifier?.profileId) throw notFound();
  return identifier.profileId;
}
