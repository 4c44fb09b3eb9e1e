import { publicProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { MAIL_LANGUAGES } from '../../mail/mailer.js';
import { joinFromApp, type SignInDeps } from '../../use-cases/sign-in.js';
import { tenantIdSchema } from '../members/member-view.js';

export const joinInput = z.object({
  tenantId: tenantIdSchema,
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  /** The app's unticked "send me offers" box. */
  marketingConsent: z.boolean(),
  /** The app's language: the sign-in code's e-mail is written in it (English without one). */
  language: z.enum(MAIL_LANGUAGES).optional(),
});

/**
 * `auth.join`: a customer joins the program in the app with their e-mail (a digital card is
 * issued) and receives a sign-in code; receipts they claimed with that address earn their points.
 * Answers the same whether or not the address was a member's.
 */
export function joinProcedure(deps: SignInDeps) {
  return publicProcedure
    .input(joinInput)
    .output(z.object({ sent: z.literal(true), expiresInMinutes: z.number().int() }))
    .mutation(({ input }) => joinFromApp(deps, input));
}
