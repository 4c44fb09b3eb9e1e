import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { issueTerminalKey, type IssueTerminalKeyDeps } from '../../use-cases/issue-terminal-key.js';

export const issueKeyInput = z.object({
  storeId: z.string().min(1).max(64),
  terminalId: z.string().min(1).max(64),
});

export const issuedKeySchema = z.object({
  keyId: z.string(),
  /** Shown this once: only its hash is stored. */
  key: z.string(),
});

/** `terminals.issueKey`: a new API key for one terminal of a configured store. */
export function issueKeyProcedure(deps: IssueTerminalKeyDeps) {
  return staffProcedure('terminals.manage')
    .input(issueKeyInput)
    .output(issuedKeySchema)
    .mutation(({ ctx, input }) => issueTerminalKey(deps, input, (scope) => requireScope(ctx, scope)));
}
