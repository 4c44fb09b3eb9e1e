import { publicProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { signIn, type SignInDeps } from '../../use-cases/sign-in.js';
import { tenantIdSchema } from '../members/member-view.js';

/** `auth.signIn`: the emailed code for a short-lived session token (401 when wrong, 429 after five tries). */
export function signInProcedure(deps: SignInDeps) {
  return publicProcedure
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
