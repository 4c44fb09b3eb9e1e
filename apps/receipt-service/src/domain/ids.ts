import { base32, randomId } from '@scontrino/crypto';
import { createHmac, randomBytes } from 'node:crypto';

/** What an id names: a stored transaction, its receipt, a terminal API key. */
export type IdPrefix = 'txn' | 'rcpt' | 'tkey';

/** A new id that says what it is (`rcpt_…`): 128 random bits, so ids cannot be guessed or enumerated. */
export function newId(prefix: IdPrefix): string {
  return randomId(prefix);
}

/**
 * The ids of a transaction and of its receipt, derived from what names it in the POS contract:
 * the same (tenant, store, transactionId) always gives the same ids, so a replayed sale meets its
 * first insert on the unique `_id` and no look-up is needed before writing. The 128 bits are an
 * HMAC under the service's key, so ids still cannot be guessed from a till's numbering. The
 * receipt carries the same bits (`txn_x…`, `rcpt_x…`): a receipt is found by its transaction's
 * `_id` (see {@link transactionIdOfReceipt}).
 */
export function transactionIdsOf(
  key: Buffer,
  pos: { tenantId: string; storeId: string; transactionId: string },
): { id: string; receiptId: string } {
  const mac = createHmac('sha256', key)
    .update(JSON.stringify([pos.tenantId, pos.storeId, pos.transactionId]))
    .digest()
    .subarray(0, 16);
  const bits = base32(mac);
  return { id: `txn_${bits}`, receiptId: `rcpt_${bits}` };
}

/** The `_id` of the transaction whose receipt has this id; null for an id this service never gave. */
export function transactionIdOfReceipt(receiptId: string): string | null {
  return /^rcpt_[a-z2-7]{26}$/.test(receiptId) ? `txn_${receiptId.slice('rcpt_'.length)}` : null;
}

/** A secret for a URL or a header: `bytes` random bytes, base64url. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
