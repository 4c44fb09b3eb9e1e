import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32 } from './ids.js';

const KEY_PATTERN = /^sk_term_([a-z2-7]{16})_([a-z2-7]{52})$/;

/** A terminal API key as handed to the POS once: `sk_term_<keyId>_<secret>`. */
export interface NewTerminalKey {
  /** Public: names the key in logs, the CLI and revocation; the look-up key in storage. */
  keyId: string;
  /** The whole bearer value, shown once, never stored. */
  key: string;
  /** What is stored instead of the secret. */
  secretHash: string;
}

/**
 * A sha256 is enough (no slow KDF): the secret is 256 random bits, so there is nothing to
 * brute-force, unlike a password.
 */
function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newTerminalKey(): NewTerminalKey {
  const keyId = base32(randomBytes(10));
  const secret = base32(randomBytes(32));
  return { keyId, key: `sk_term_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

/** The key id and secret of a well-formed key; null for anything else. */
export function parseTerminalKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] && match[2] ? { keyId: match[1], secret: match[2] } : null;
}

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
