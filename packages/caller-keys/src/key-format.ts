import { base32 } from '@scontrino/crypto';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a caller key is for: a till (`term`) or a web shop or app of one brand (`shop`). */
export type CallerKeyKind = 'term' | 'shop';

/** A caller key as handed over once: `sk_<kind>_<keyId>_<secret>`. */
export interface NewCallerKey {
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

export function newCallerKey(kind: CallerKeyKind): NewCallerKey {
  const keyId = base32(randomBytes(10));
  const secret = base32(randomBytes(32));
  return { keyId, key: `sk_${kind}_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

const patterns: Record<CallerKeyKind, RegExp> = {
  term: /^sk_term_([a-z2-7]{16})_([a-z2-7]{52})$/,
  shop: /^sk_shop_([a-z2-7]{16})_([a-z2-7]{52})$/,
};

/** The key id and secret of a well-formed key of `kind`; null for anything else. */
export function parseCallerKey(kind: CallerKeyKind, key: string): { keyId: string; secret: string } | null {
  const match = patterns[kind].exec(key);
  return match?.[1] && match[2] ? { keyId: match[1], secret: match[2] } : null;
}

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
