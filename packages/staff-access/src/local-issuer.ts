import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';
import type { StaffClaims } from './staff-member.js';
import type { StaffTokenConfig } from './token-verifier.js';

/**
 * A tiny token issuer for the demo stack and tests, standing in for the retailer's identity
 * provider: one ES256 key, its public half as a JWKS, and tokens with the staff claims.
 * Production deployments point `STAFF_JWKS_URL` at a real provider instead.
 */
export interface LocalIssuer {
  /** What the services are configured with (public keys only). */
  config: StaffTokenConfig;
  /** The private key, to keep beside the stack so tokens can be minted again later. */
  privateJwk: JWK;
  /** The public keys alone, the value of `STAFF_JWKS`. */
  jwks: JSONWebKeySet;
  /** `expiresIn` is relative ("8h", "90s"); a number would be an absolute time (jose). */
  sign(claims: StaffClaims, options?: { expiresIn?: string | number }): Promise<string>;
}

export const localIssuerDefaults = { issuer: 'https://staff.scontrino.localhost', audience: 'scontrino' };

export async function createLocalIssuer(
  options: { issuer?: string; audience?: string; privateJwk?: JWK } = {},
): Promise<LocalIssuer> {
  const issuer = options.issuer ?? localIssuerDefaults.issuer;
  const audience = options.audience ?? localIssuerDefaults.audience;
  const privateJwk =
    options.privateJwk ??
    (await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey));
  // The key's thumbprint unless it has an id: the same key file gives the same kid on every run.
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(privateJwk));
  const { d: _private, ...publicJwk } = { ...privateJwk, kid };
  const privateKey = await importJWK({ ...privateJwk, kid }, 'ES256');
  const keys: JSONWebKeySet = { keys: [{ ...publicJwk, alg: 'ES256', use: 'sig' }] };

  return {
    config: { issuer, audience, jwks: { keys } },
    privateJwk: { ...privateJwk, kid },
    jwks: keys,
    sign: ({ sub, ...claims }, signOptions = {}) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(signOptions.expiresIn ?? '8h')
        .sign(privateKey),
  };
}
