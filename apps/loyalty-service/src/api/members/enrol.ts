import { mayReveal, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { consentSources } from '../../domain/members/consent.js';
import { enrolMember } from '../../use-cases/enrol-member.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { memberView, memberViewSchema, tenantIdSchema } from './member-view.js';

export const enrolInput = z.object({
  tenantId: tenantIdSchema,
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  cardNumbers: z.array(z.string().min(4).max(40)).max(10).default([]),
  marketingConsent: z.object({ granted: z.boolean(), source: z.enum(consentSources) }),
  /** The reconciliation service's profile, when the enrolling channel knows it. */
  profileId: z.string().min(1).max(100).optional(),
});

/** `members.enrol`: a new member with consent recorded; a card or email already enrolled is a 409. */
export function enrolProcedure(deps: LoyaltyDeps) {
  return staffProcedure('members.manage', { services: true })
    .input(enrolInput)
    .output(memberViewSchema)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return memberView(await enrolMember(deps, input), deps.crypto, { clear: mayReveal(ctx.caller) });
    });
}
