import { createHash, timingSafeEqual } from 'node:crypto';
import { looksLikeJwt, type StaffMember, type StaffTokenVerifier } from '@scontrino/staff-access';

/**
 * Who is calling: another Scontrino service (or a trusted integration: web shop, tills' loyalty
 * calls) holding the shared service token; a member of staff with a verified staff token; or
 * anyone else. For anyone else the bearer token, if any, is kept for the service's own schemes
 * (a member's session token).
 */
export type Caller =
  { kind: 'service' } | { kind: 'staff'; staff: StaffMember } | { kind: 'anonymous'; bearer: string | null };

export interface CallerCredentials {
  serviceToken: string;
  /** Absent when no staff token issuer is configured: then no staff token is accepted. */
  staffTokens?: StaffTokenVerifier | null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Reads `Authorization: Bearer <token>`: the service token (compared in constant time, both
 * sides hashed first so their lengths do not leak), else a staff JWT from the configured issuer.
 * A JWT that fails verification leaves the caller anonymous, so a staff procedure answers 401.
 */
export async function identifyCaller(
  authorization: string | undefined,
  credentials: CallerCredentials,
): Promise<Caller> {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  const token = match?.[1] ?? null;
  if (token === null) return { kind: 'anonymous', bearer: null };
  if (timingSafeEqual(digest(token), digest(credentials.serviceToken))) return { kind: 'service' };
  if (credentials.staffTokens && looksLikeJwt(token)) {
    const check = await credentials.staffTokens.verify(token);
    if (check.ok) return { kind: 'staff', staff: check.staff };
  }
  return { kind: 'anonymous', bearer: token };
}
