import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { terminalKeyRecord, type TerminalKeyRecords } from '../../use-cases/terminal-key-record.js';

export const keyRecordInput = z.object({ keyId: z.string().regex(/^[a-z2-7]{16}$/, 'a terminal key id') });

export const keyRecordOutput = z
  .object({
    _id: z.string(),
    storeId: z.string(),
    terminalId: z.string(),
    tenantId: z.string(),
    /** sha256 of a 256-bit secret: enough to check a key, useless to forge one. */
    secretHash: z.string(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .nullable();

/**
 * `terminals.keyRecord`, between services only (service token): what another service needs to
 * verify a till's terminal key itself, e.g. the loyalty service's `/v1/redemptions/*`. Null for
 * an unknown key id.
 */
export function keyRecordProcedure(keys: TerminalKeyRecords) {
  return serviceProcedure
    .input(keyRecordInput)
    .output(keyRecordOutput)
    .query(async ({ input }) => {
      const found = await terminalKeyRecord(keys, input.keyId);
      return found && { ...found, revokedAt: found.revokedAt?.toISOString() ?? null };
    });
}
