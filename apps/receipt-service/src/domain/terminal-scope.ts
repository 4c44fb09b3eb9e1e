import type { TerminalIdentity } from '@scontrino/caller-keys';

export type { TerminalIdentity };

/**
 * Why the key may not post this body, or null. Read from the raw body, before validation, so a
 * key for store A learns nothing about the rules through a payload for store B. A missing or
 * non-string `storeId`/`terminalId` is left to validation (422).
 */
export function scopeViolation(terminal: TerminalIdentity, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { storeId, terminalId } = body as Record<string, unknown>;
  if (typeof storeId === 'string' && storeId !== terminal.storeId)
    return `This key is for store ${terminal.storeId}; it cannot post for store ${storeId}`;
  if (typeof terminalId === 'string' && terminalId !== terminal.terminalId)
    return `This key is for terminal ${terminal.terminalId}; it cannot post for terminal ${terminalId}`;
  return null;
}
