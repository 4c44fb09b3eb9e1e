import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { type StaffMember, staffClaimsSchema, staffMemberFromClaims } from './staff-member.js';

/**
 * Where staff tokens come from: an OIDC-compatible identity provider (its issuer, the audience
 * it writes for the services, and its signing keys as a JWKS URL) or, for the demo and tests,
 * a local issuer's public keys inline.
 */
export interface StaffTokenConfig {
  issuer: string;
  audience: string;
  jwks: { url: string } | { keys: JSONWebKeySet };
}

export type StaffTokenCheck = { ok: true; staff: StaffMember } | { ok: false; reason: string };

export interface StaffTokenVerifier {
  verify(token: string): Promise<StaffTokenCheck>;
}

/** Asymmetric algorithms only: a service that can verify staff tokens must never be able to mint them. */
const algorithms = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/** Tokens look like JWTs (three base64url parts); anything else is not ours to judge. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

export function createStaffTokenVerifier(config: StaffTokenConfig): StaffTokenVerifier {
  const keys: JWTVerifyGetKey =
    'url' in config.jwks
      ? createRemoteJWKSet(new URL(config.jwks.url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : createLocalJWKSet(config.jwks.keys);

  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: 30,
        });
        const claims = staffClaimsSchema.safeParse(payload);
        if (!claims.success)
          return { ok: false, reason: claims.error.issues.map((issue) => issue.message).join('; ') };
        return { ok: true, staff: staffMemberFromClaims(claims.data) };
      } catch (error) {
        if (error instanceof errors.JOSEError) return { ok: false, reason: error.code };
        // The issuer's key set could not be fetched (network, DNS): no token can be trusted now,
        // so the caller is refused like any unverified one (401), never a 500.
        return { ok: false, reason: 'jwks_unreachable' };
      }
    },
  };
}
