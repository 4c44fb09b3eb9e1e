import { AppError } from '@scontrino/errors';
import type { AllowStore } from '../domain/store-scope.js';
import type { TerminalKeys } from '../store/terminal-keys.js';

export type TerminalKeyRevoker = Pick<TerminalKeys, 'storeOf' | 'revoke'>;

/** Revokes a till's key at once on every replica; revoking twice keeps the first date. */
export async function revokeTerminalKey(
  keys: TerminalKeyRevoker,
  keyId: string,
  allow: AllowStore,
): Promise<{ keyId: string; revokedAt: Date }> {
  const issuedFor = await keys.storeOf(keyId);
  if (!issuedFor)
    throw new AppError('terminal_key.not_found', `No terminal key ${keyId}`, { kind: 'not_found' });
  allow(issuedFor);
  return keys.revoke(keyId);
}
