import { AppError } from '@scontrino/errors';
import { publicProcedure } from '@scontrino/trpc';
import { verifySessionToken } from '../domain/auth/member-session.js';

/**
 * Procedures of the loyalty app: the caller presents the session token from `auth.signIn` as
 * `Authorization: Bearer <token>`, and the procedure sees only `ctx.session` (its member and
 * tenant), never an id from the input, so one member can never ask for another's data.
 */
export function memberProcedure(sessionKey: Buffer, clock: () => Date) {
  return publicProcedure.use(({ ctx, next }) => {
    const bearer = ctx.caller.kind === 'anonymous' ? ctx.caller.bearer : null;
    if (bearer === null)
      throw new AppError('auth.session_required', 'Sign in and send Authorization: Bearer <session token>', {
        kind: 'unauthenticated',
      });
    const check = verifySessionToken(sessionKey, bearer, clock());
    if (!check.ok)
      throw new AppError(
        check.reason === 'expired' ? 'auth.session_expired' : 'auth.session_invalid',
        check.reason === 'expired'
          ? 'The session has expired; sign in again'
          : 'Not a session token of this service',
        { kind: 'unauthenticated' },
      );
    return next({ ctx: { ...ctx, session: check.session } });
  });
}
