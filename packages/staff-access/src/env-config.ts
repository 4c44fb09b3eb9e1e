import type { JSONWebKeySet } from 'jose';
import type { StaffTokenConfig } from './token-verifier.js';

export interface StaffAuthVariables {
  STAFF_TOKEN_ISSUER?: string | undefined;
  STAFF_TOKEN_AUDIENCE: string;
  STAFF_JWKS_URL?: string | undefined;
  STAFF_JWKS?: { keys: readonly { kty: string }[] } | undefined;
}

/**
 * The staff token settings of a service's validated environment, or null when no issuer is
 * configured (then no staff token is accepted). An issuer needs its keys: a URL or inline JWKS.
 */
export function staffTokenConfigFromEnv(env: StaffAuthVariables): StaffTokenConfig | null {
  if (env.STAFF_TOKEN_ISSUER === undefined) return null;
  if (env.STAFF_JWKS_URL !== undefined)
    return {
      issuer: env.STAFF_TOKEN_ISSUER,
      audience: env.STAFF_TOKEN_AUDIENCE,
      jwks: { url: env.STAFF_JWKS_URL },
    };
  if (env.STAFF_JWKS !== undefined)
    return {
      issuer: env.STAFF_TOKEN_ISSUER,
      audience: env.STAFF_TOKEN_AUDIENCE,
      jwks: { keys: env.STAFF_JWKS as JSONWebKeySet },
    };
  throw new Error('STAFF_TOKEN_ISSUER is set but neither STAFF_JWKS_URL nor STAFF_JWKS gives its keys');
}
