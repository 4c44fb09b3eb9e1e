import { limitedProcedure, type ClientAddressLimit } from '../../sign-in-rate-limit.js';
import { router } from '@scontrino/trpc';
import type { SignInDeps } from '../../use-cases/sign-in.js';
import { joinProcedure } from './join.js';
import { requestCodeProcedure } from './request-code.js';
import { signInProcedure } from './sign-in.js';

/** Per client address: the calls that mail a code (join, requestCode: one budget) and the tries of a code. */
export interface SignInIpLimits {
  codes: ClientAddressLimit;
  attempts: ClientAddressLimit;
}

export function createAuthRouter(deps: SignInDeps, limits: SignInIpLimits) {
  // One procedure builder, so that join and requestCode draw on the same budget.
  const mailing = limitedProcedure(limits.codes, 'sign-in codes asked');
  return router({
    join: joinProcedure(deps, mailing),
    requestCode: requestCodeProcedure(deps, mailing),
    signIn: signInProcedure(deps, limitedProcedure(limits.attempts, 'sign-in attempts')),
  });
}
