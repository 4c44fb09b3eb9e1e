import { AppError } from '@scontrino/errors';
import type { AllowStore } from '../domain/store-scope.js';
import type { StoreProfiles } from '../store/store-profiles.js';
import type { TerminalKeys } from '../store/terminal-keys.js';

export interface IssueTerminalKeyDeps {
  keys: Pick<TerminalKeys, 'issue'>;
  stores: Pick<StoreProfiles, 'get'>;
}

/** A new key for a till of a configured store; the key itself is in the answer only, never stored. */
export async function issueTerminalKey(
  deps: IssueTerminalKeyDeps,
  input: { storeId: string; terminalId: string },
  allow: AllowStore,
): Promise<{ keyId: string; key: string }> {
  const store = await deps.stores.get(input.storeId);
  if (!store)
    throw new AppError(
      'store.not_found',
      `No store ${input.storeId}: configure it with stores.upsert first`,
      {
        kind: 'not_found',
      },
    );
  allow({ tenantId: store.tenantId, storeId: store.storeId });
  return deps.keys.issue(input.storeId, input.terminalId);
}
