import type { TerminalIdentity } from '../domain/terminal-scope.js';
import type { TerminalKeys } from '../store/terminal-keys.js';

/** Where a till's key is checked: the terminal keys (read through their cache). */
export type TerminalAuthenticator = Pick<TerminalKeys, 'authenticate'>;

/** The till a terminal key belongs to; null for a key unknown or revoked. */
export function authenticateTerminal(
  keys: TerminalAuthenticator,
  key: string,
): Promise<TerminalIdentity | null> {
  return keys.authenticate(key);
}
