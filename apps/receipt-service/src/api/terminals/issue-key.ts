import { AppError } from '@scontrino/errors';
import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { StoreProfiles } from '../../store/store-profiles.js';
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
export function issueKeyProcedure(keys: TerminalKeys, stores: StoreProfiles) {
  return staffProcedure('terminals.manage')
    .input(issueKeyInput)
    .output(issuedKeySchema)
    .mutation(async ({ ctx, input }) => {
      const store = await stores.get(input.storeId);
      if (!store)
        throw new AppError(
          'store.not_found',
          `No store ${input.storeId}: configure it with stores.upsert first`,
          {
            kind: 'not_found',
          },
        );
      requireScope(ctx, { tenantId: store.tenantId, storeId: store.storeId });
      return keys.issue(input.storeId, input.terminalId);
    });
}
