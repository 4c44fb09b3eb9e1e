import { router } from '@scontrino/trpc';
import type { SignInDeps } from '../../use-cases/sign-in.js';
import { joinProcedure } from './join.js';
import { requestCodeProcedure } from './request-code.js';
import { signInProcedure } from './sign-in.js';

export function createAuthRouter(deps: SignInDeps) {
  return router({
    join: joinProcedure(deps),
    requestCode: requestCodeProcedure(deps),
    signIn: signInProcedure(deps),
  });
}
