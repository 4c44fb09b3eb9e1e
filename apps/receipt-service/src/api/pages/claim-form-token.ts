import { signToken, verifyToken } from '../../domain/signed-token.js';

/** How long a served claim form can be posted. */
export const CLAIM_FORM_TTL_MS = 60 * 60 * 1000;

/**
 * The hidden field of the claim form: the code's hash and an expiry, signed. The pages use no
 * cookies, so a cross-site POST carries no credentials to abuse; the token still ties a POST to a
 * form this service served for this code within the hour.
 */
export function issueClaimFormToken(key: Buffer, codeHash: string, now: Date): string {
  return signToken(key, `${codeHash}:${Math.floor((now.getTime() + CLAIM_FORM_TTL_MS) / 1000)}`);
}

export function isValidClaimFormToken(key: Buffer, token: unknown, codeHash: string, now: Date): boolean {
  if (typeof token !== 'string') return false;
  const [hash, expires] = verifyToken(key, token)?.split(':') ?? [];
  return hash === codeHash && Number(expires) * 1000 > now.getTime();
}
