import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A code lives ten minutes (its tries: `SIGN_IN_ATTEMPT_LIMITS`). */
export const SIGN_IN_CODE_TTL_MINUTES = 10;

export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Stored instead of the code: keyed, and bound to its request so one hash fits one request only. */
export function signInCodeHash(key: Buffer, requestId: string, code: string): string {
  return createHmac('sha256', key).update(`${requestId}\u0000${code}`).digest('base64url');
}

export function signInCodeMatches(key: Buffer, requestId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(signInCodeHash(key, requestId, code));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
