import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { marketingConsentsOf } from '../../use-cases/marketing-consents.js';
import { tenantIdSchema } from './member-view.js';

export const marketingConsentsInput = z.object({
  tenantId: tenantIdSchema,
  /** Look-up hashes of cards and e-mails, as the reconciliation service lists a segment's members. */
  identifiers: z
    .array(z.object({ type: z.enum(['card', 'email']), hash: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) }))
    .min(1, 'give at least one card or e-mail hash')
    .max(500),
});

export const marketingConsentsOutput = z.object({
  consents: z.array(
    z.object({ type: z.enum(['card', 'email']), hash: z.string(), marketingEmail: z.boolean().nullable() }),
  ),
});

/**
 * `members.marketingConsents`: whether the member behind each hash lets the brand send offers by
 * e-mail (the consent in force, pending grants left out). No personal data in or out; the
 * reconciliation service asks it with the service token for a segment's export.
 */
export function marketingConsentsProcedure(deps: LoyaltyDeps) {
  return staffProcedure('members.read', { services: true })
    .input(marketingConsentsInput)
    .output(marketingConsentsOutput)
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return { consents: await marketingConsentsOf(deps, input.tenantId, input.identifiers) };
    });
}
