import type { LimitedProcedure } from '../../sign-in-rate-limit.js';
import { z } from 'zod';
import { signIn, type SignInDeps } from '../../use-cases/sign-in.js';
import { tenantIdSchema } from '../members/member-view.js';

/**
 * `auth.signIn`: the emailed code for a short-lived session token. A wrong code is a 401; a code
 * past its tries a 429 `auth.too_many_attempts` (ask for a new one); an address past its daily cap
 * of wrong codes a 429 `auth.too_many_wrong_codes`. A member's address and a stranger's answer alike.
 */
export function signInProcedure(deps: SignInDeps, procedure: LimitedProcedure) {
  return procedure
    .input(
      z.object({
        tenantId: tenantIdSchema,
        email: z.email().max(254),
        code: z.string().regex(/^\d{6}$/, 'six digits'),
      }),
    )
    .output(z.object({ token: z.string(), memberId: z.string(), expiresAt: z.iso.datetime() }))
    .mutation(async ({ input }) => {
      const session = await signIn(deps, input);
      return { ...session, expiresAt: session.expiresAt.toISOString() };
    });
}
