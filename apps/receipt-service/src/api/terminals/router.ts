import { router } from '@scontrino/trpc';
import type { IssueTerminalKeyDeps } from '../../use-cases/issue-terminal-key.js';
import type { TerminalKeyRevoker } from '../../use-cases/revoke-terminal-key.js';
import type { TerminalKeyRecords } from '../../use-cases/terminal-key-record.js';
import { issueKeyProcedure } from './issue-key.js';
import { keyRecordProcedure } from './key-record.js';
import { revokeKeyProcedure } from './revoke-key.js';

export function createTerminalsRouter(
  keys: IssueTerminalKeyDeps['keys'] & TerminalKeyRevoker & TerminalKeyRecords,
  stores: IssueTerminalKeyDeps['stores'],
) {
  return router({
    issueKey: issueKeyProcedure({ keys, stores }),
    revokeKey: revokeKeyProcedure(keys),
    keyRecord: keyRecordProcedure(keys),
  });
}
