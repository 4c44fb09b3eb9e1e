import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Who is calling: another Scontrino service holding the shared token, or anyone else. For anyone
 * else the bearer token, if any, is kept for the service's own schemes (a member's session token).
 */
export type Caller = { kind: 'service' } | { kind: 'anonymous'; bearer: string | null };

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Reads `Authorization: Bearer <token>` and compares it with the shared service token in
 * constant time (both sides hashed first, so their lengths do not leak either).
 */
export function identifyCaller(authorization: string | undefined, serviceToken: string): Caller {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  const token = match?.[1] ?? null;
  if (token !== null && timingSafeEqual(digest(token), digest(serviceToken))) return { kind: 'service' };
  return { kind: 'anonymous', bearer: token };
}
