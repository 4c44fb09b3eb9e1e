import { createHmac } from 'node:crypto';

/**
 * Keyed hash (HMAC-SHA-256) of a normalised identifier, stored beside its ciphertext so records can
 * be found by email or phone without decrypting. The kind ("email", "phone", …) is part of the
 * message, so equal strings of different kinds never share a hash. Without the key, a hash cannot
 * be reversed by trying every phone number. Rotating this key means re-hashing every stored value.
 */
export type LookupHasher = (kind: string, normalisedValue: string) => string;

export function createLookupHasher(base64Key: string): LookupHasher {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length < 32) throw new Error('the look-up hash key must be at least 32 bytes');
  return (kind, normalisedValue) =>
    createHmac('sha256', key).update(kind).update('\u0000').update(normalisedValue).digest('base64url');
}
