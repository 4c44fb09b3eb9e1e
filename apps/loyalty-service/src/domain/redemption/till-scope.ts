import type { TerminalIdentity } from '@scontrino/caller-keys';

/**
 * Why this till's key may not quote or hold for this body, or null. Read from the raw body, before
 * validation (a missing `tenantId` is left to validation's 422), so a key of one brand learns
 * nothing about another brand's members.
 */
export function tillRequestViolation(terminal: TerminalIdentity, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { tenantId } = body as Record<string, unknown>;
  if (typeof tenantId === 'string' && tenantId !== terminal.tenantId)
    return `This key is for tenant ${terminal.tenantId}; it cannot redeem for tenant ${tenantId}`;
  return null;
}

/**
 * Why this till's key may not capture or void this hold, or null: a hold belongs to its brand, and
 * to the store whose till held it (a hold a service made, with no store, to any store of the brand).
 */
export function tillHoldViolation(
  terminal: TerminalIdentity,
  hold: { holdId: string; tenantId: string; storeId: string | null },
): string | null {
  if (hold.tenantId !== terminal.tenantId)
    return `This key is for tenant ${terminal.tenantId}; hold ${hold.holdId} is not`;
  if (hold.storeId !== null && hold.storeId !== terminal.storeId)
    return `This key is for store ${terminal.storeId}; hold ${hold.holdId} was made at store ${hold.storeId}`;
  return null;
}

/** Why this till's key may not enrol a member with this body, or null (read before validation, as above). */
export function tillEnrolViolation(terminal: TerminalIdentity, body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { tenantId } = body as Record<string, unknown>;
  if (typeof tenantId === 'string' && tenantId !== terminal.tenantId)
    return `This key is for tenant ${terminal.tenantId}; it cannot enrol members of tenant ${tenantId}`;
  return null;
}
