import type { LimitedProcedure } from '../../sign-in-rate-limit.js';
import { z } from 'zod';
import { MAIL_LANGUAGES } from '../../mail/sign-in-code-mail.js';
import { requestSignInCode, type SignInDeps } from '../../use-cases/sign-in.js';
import { tenantIdSchema } from '../members/member-view.js';

/**
 * `auth.requestCode`: emails a 6-digit code to a member's address, in the app's `language` (English
 * without one). Answers the same whether or not the address belongs to a member. Limited per
 * client address with `auth.join`.
 */
export function requestCodeProcedure(deps: SignInDeps, procedure: LimitedProcedure) {
  return procedure
    .input(
      z.object({
        tenantId: tenantIdSchema,
        email: z.email().max(254),
        language: z.enum(MAIL_LANGUAGES).optional(),
      }),
    )
    .output(z.object({ sent: z.literal(true), expiresInMinutes: z.number().int() }))
    .mutation(({ input }) => requestSignInCode(deps, input));
}
