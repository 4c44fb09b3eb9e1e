import { newCallerKey, parseCallerKey, type NewCallerKey } from '@scontrino/caller-keys';

export { secretMatches } from '@scontrino/caller-keys';

/** A terminal API key as handed to the POS once: `sk_term_<keyId>_<secret>` (format in @scontrino/caller-keys). */
export type NewTerminalKey = NewCallerKey;

export function newTerminalKey(): NewTerminalKey {
  return newCallerKey('term');
}

/** The key id and secret of a well-formed terminal key; null for anything else. */
export function parseTerminalKey(key: string): { keyId: string; secret: string } | null {
  return parseCallerKey('term', key);
}
