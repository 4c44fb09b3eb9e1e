import { parseCallerKey, secretMatches } from './key-format.js';
import type { ReadCache } from './read-cache.js';

/** Who calls, as its API key says: one terminal of one store of one tenant. */
export interface TerminalIdentity {
  keyId: string;
  storeId: string;
  terminalId: string;
  tenantId: string;
}

/** A terminal key as the receipt service stores it (the secret's hash, never the secret). */
export interface TerminalKeyRecord {
  _id: string;
  storeId: string;
  terminalId: string;
  tenantId: string;
  secretHash: string;
  revokedAt: Date | null;
}

/**
 * The pub/sub channel on which the receipt service announces changes to the documents it lets
 * others cache (`terminal-key:<keyId>` on revocation, `store:<storeId>`): the receipt service's
 * replicas listen, and so does every service that accepts terminal keys.
 */
export function receiptCacheChannel(queuePrefix: string): string {
  return `${queuePrefix}:receipt-service:cache`;
}

/**
 * The terminal a bearer value belongs to, or null when malformed, unknown, revoked or with the
 * wrong secret. The record comes from `cache`, else from `load` (the receipt service reads its own
 * collection; other services ask the receipt service), so a revocation announced on
 * {@link receiptCacheChannel} stops the key everywhere at once.
 */
export async function verifyTerminalKey(
  bearer: string,
  cache: ReadCache<TerminalKeyRecord>,
  load: (keyId: string) => Promise<TerminalKeyRecord | null>,
): Promise<TerminalIdentity | null> {
  const parsed = parseCallerKey('term', bearer);
  if (!parsed) return null;
  const found = await cache.get(parsed.keyId, () => load(parsed.keyId));
  if (!found || found.revokedAt !== null || !secretMatches(parsed.secret, found.secretHash)) return null;
  return { keyId: found._id, storeId: found.storeId, terminalId: found.terminalId, tenantId: found.tenantId };
}
