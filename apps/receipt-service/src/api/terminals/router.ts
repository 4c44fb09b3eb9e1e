import { router } from '@scontrino/trpc';
import type { TerminalKeys } from '../../store/terminal-keys.js';
import { issueKeyProcedure } from './issue-key.js';
import { revokeKeyProcedure } from './revoke-key.js';

export function createTerminalsRouter(keys: TerminalKeys) {
  return router({ issueKey: issueKeyProcedure(keys), revokeKey: revokeKeyProcedure(keys) });
}
