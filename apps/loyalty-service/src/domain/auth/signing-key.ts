import { hkdfSync } from 'node:crypto';

/**
 * A key for one purpose, derived (HKDF) from the look-up hash key every service already has: no
 * extra secret to deploy, and a value signed for one purpose is worthless for another.
 */
export function derivedKey(lookupHashKeyBase64: string, purpose: string): Buffer {
  const material = Buffer.from(lookupHashKeyBase64, 'base64');
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), purpose, 32));
}

export const MEMBER_SESSION_PURPOSE = 'scontrino loyalty member session v1';
export const SIGN_IN_CODE_PURPOSE = 'scontrino loyalty sign-in code v1';
