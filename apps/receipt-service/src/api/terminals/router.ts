import { router } from '@scontrino/trpc';
import type { TerminalKeys } from '../../store/terminal-keys.js';
import type { StoreProfiles } from '../../store/store-profiles.js';
import { issueKeyProcedure } from './issue-key.js';
import { keyRecordProcedure } from './key-record.js';
import { revokeKeyProcedure } from './revoke-key.js';

export function createTerminalsRouter(keys: TerminalKeys, stores: StoreProfiles) {
  return router({
    issueKey: issueKeyProcedure(keys, stores),
    revokeKey: revokeKeyProcedure(keys),
    keyRecord: keyRecordProcedure(keys),
  });
}
