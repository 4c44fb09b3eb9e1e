import type { LimitedProcedure } from '../../sign-in-rate-limit.js';
import { z } from 'zod';
import { MAIL_LANGUAGES } from '../../mail/sign-in-code-mail.js';
import { joinFromApp, type SignInDeps } from '../../use-cases/sign-in.js';
import { tenantIdSchema } from '../members/member-view.js';

export const joinInput = z.object({
  tenantId: tenantIdSchema,
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  /** The app's unticked "send me offers" box: pending until the e-mailed code is used. */
  marketingConsent: z.boolean(),
  /** The app's language: the sign-in code's e-mail is written in it (English without one). */
  language: z.enum(MAIL_LANGUAGES).optional(),
});

/**
 * `auth.join`: a customer joins the program in the app with their e-mail (a digital card is
 * issued) and receives a sign-in code; receipts they claimed with that address earn their points.
 * Answers the same whether or not the address was a member's. Offers ticked count only once the
 * code is used (double opt-in). Limited per client address with `auth.requestCode`.
 */
export function joinProcedure(deps: SignInDeps, procedure: LimitedProcedure) {
  return procedure
    .input(joinInput)
    .output(z.object({ sent: z.literal(true), expiresInMinutes: z.number().int() }))
    .mutation(({ input }) => joinFromApp(deps, input));
}
