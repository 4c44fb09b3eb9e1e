import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long the QR code on a paper receipt can be used to claim it. */
export const CLAIM_CODE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

const NONCE_BYTES = 16;
const EXPIRY_BYTES = 4;
const TAG_BYTES = 16;
const CODE_BYTES = NONCE_BYTES + EXPIRY_BYTES + TAG_BYTES;

/**
 * The purpose of the key that signs claim codes (`derive` of @scontrino/crypto's `serviceKeys`):
 * derived from the look-up hash key, so a deployment needs no extra secret and a code signed by
 * one deployment is worthless to another.
 */
export const CLAIM_CODE_PURPOSE = 'scontrino claim code v1';

function tagOf(key: Buffer, signed: Buffer): Buffer {
  return createHmac('sha256', key).update(signed).digest().subarray(0, TAG_BYTES);
}

/**
 * A one-time claim code: 128 random bits and an expiry (whole seconds), signed with HMAC-SHA-256,
 * base64url (48 characters). A forged, truncated or expired code is refused by
 * {@link verifyClaimCode} without a database look-up.
 */
export function issueClaimCode(key: Buffer, now: Date): { code: string; expiresAt: Date } {
  const expiresAtSeconds = Math.floor((now.getTime() + CLAIM_CODE_TTL_MS) / 1000);
  const signed = Buffer.alloc(NONCE_BYTES + EXPIRY_BYTES);
  randomBytes(NONCE_BYTES).copy(signed);
  signed.writeUInt32BE(expiresAtSeconds, NONCE_BYTES);
  const code = Buffer.concat([signed, tagOf(key, signed)]).toString('base64url');
  return { code, expiresAt: new Date(expiresAtSeconds * 1000) };
}

export type ClaimCodeCheck = { ok: true; expiresAt: Date } | { ok: false; reason: 'malformed' | 'expired' };

/** Checks a code's signature and expiry; a bad signature reads as `malformed`, like any forgery. */
export function verifyClaimCode(key: Buffer, code: string, now: Date): ClaimCodeCheck {
  if (!/^[A-Za-z0-9_-]{48}$/.test(code)) return { ok: false, reason: 'malformed' };
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.length !== CODE_BYTES) return { ok: false, reason: 'malformed' };
  const signed = bytes.subarray(0, NONCE_BYTES + EXPIRY_BYTES);
  if (!timingSafeEqual(bytes.subarray(NONCE_BYTES + EXPIRY_BYTES), tagOf(key, signed)))
    return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(signed.readUInt32BE(NONCE_BYTES) * 1000);
  return expiresAt.getTime() > now.getTime() ? { ok: true, expiresAt } : { ok: false, reason: 'expired' };
}
