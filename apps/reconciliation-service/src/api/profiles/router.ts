import { router } from '@scontrino/trpc';
import type { ApiDeps } from '../api-deps.js';
import { explainProcedure } from './explain.js';
import { getProfileProcedure } from './get.js';
import { listProfilesProcedure } from './list.js';
import { resolveProcedure } from './resolve.js';
import { revealProfileProcedure } from './reveal.js';

export function createProfilesRouter(deps: ApiDeps) {
  return router({
    resolve: resolveProcedure(deps.graph),
    get: getProfileProcedure(deps),
    reveal: revealProfileProcedure(deps),
    list: listProfilesProcedure(deps.graph),
    explain: explainProcedure(deps.graph),
  });
}
