import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The `Idempotency-Key` a POS sends: 1–255 visible ASCII characters (a UUID is typical). */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/, { error: 'must be 1–255 visible ASCII characters, e.g. a UUID' });

/**
 * What the transaction stores to answer a retry: the key within its terminal, hashed to a fixed
 * size (a key may be 255 characters). Two terminals may use the same key without meeting.
 */
export function idempotencyScopeHash(scope: { storeId: string; terminalId: string; key: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([scope.storeId, scope.terminalId, scope.key]))
    .digest('base64url');
}
