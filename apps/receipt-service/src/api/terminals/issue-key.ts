import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { TerminalKeys } from '../../store/terminal-keys.js';

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
export function issueKeyProcedure(keys: TerminalKeys) {
  return serviceProcedure
    .input(issueKeyInput)
    .output(issuedKeySchema)
    .mutation(({ input }) => keys.issue(input.storeId, input.terminalId));
}
