import { createHash, timingSafeEqual } from 'node:crypto';

/** Who is calling: another Scontrino service holding the shared token, or anyone else. */
export type Caller = { kind: 'service' } | { kind: 'anonymous' };

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Reads `Authorization: Bearer <token>` and compares it with the shared service token in
 * constant time (both sides hashed first, so their lengths do not leak either).
 */
export function identifyCaller(authorization: string | undefined, serviceToken: string): Caller {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  if (match?.[1] && timingSafeEqual(digest(match[1]), digest(serviceToken))) return { kind: 'service' };
  return { kind: 'anonymous' };
}
