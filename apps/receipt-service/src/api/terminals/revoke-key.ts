import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { revokeTerminalKey, type TerminalKeyRevoker } from '../../use-cases/revoke-terminal-key.js';

export const revokeKeyInput = z.object({ keyId: z.string().min(1).max(64) });

/** `terminals.revokeKey`: the key stops working at once; revoking again keeps the first date. */
export function revokeKeyProcedure(keys: TerminalKeyRevoker) {
  return staffProcedure('terminals.manage')
    .input(revokeKeyInput)
    .output(z.object({ keyId: z.string(), revokedAt: z.iso.datetime() }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeTerminalKey(keys, input.keyId, (scope) => requireScope(ctx, scope));
      return { keyId: revoked.keyId, revokedAt: revoked.revokedAt.toISOString() };
    });
}
