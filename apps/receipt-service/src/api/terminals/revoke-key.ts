import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { TerminalKeys } from '../../store/terminal-keys.js';

export const revokeKeyInput = z.object({ keyId: z.string().min(1).max(64) });

/** `terminals.revokeKey`: the key stops working at once; revoking again keeps the first date. */
export function revokeKeyProcedure(keys: TerminalKeys) {
  return staffProcedure('terminals.manage')
    .input(revokeKeyInput)
    .output(z.object({ keyId: z.string(), revokedAt: z.iso.datetime() }))
    .mutation(async ({ ctx, input }) => {
      const issuedFor = await keys.storeOf(input.keyId);
      if (!issuedFor)
        throw new AppError('terminal_key.not_found', `No terminal key ${input.keyId}`, { kind: 'not_found' });
      requireScope(ctx, issuedFor);
      const revoked = await keys.revoke(input.keyId);
      return { keyId: revoked.keyId, revokedAt: revoked.revokedAt.toISOString() };
    });
}
