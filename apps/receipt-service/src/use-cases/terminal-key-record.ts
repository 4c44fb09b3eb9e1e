import type { TerminalKeyRecord } from '@scontrino/caller-keys';
import type { TerminalKeys } from '../store/terminal-keys.js';

export type TerminalKeyRecords = Pick<TerminalKeys, 'record'>;

/**
 * The stored record of a till's key (its secret's hash, never the secret), for the loyalty service,
 * which verifies the same keys on its own routes; null for an unknown key.
 */
export function terminalKeyRecord(
  keys: TerminalKeyRecords,
  keyId: string,
): Promise<TerminalKeyRecord | null> {
  return keys.record(keyId);
}
