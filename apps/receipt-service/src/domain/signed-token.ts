import { createHmac, timingSafeEqual } from 'node:crypto';

const TAG_BYTES = 16;

function tagOf(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES);
}

/** `<payload base64url>.<HMAC-SHA-256 tag base64url>`: URL-safe, tamper-evident, not secret. */
export function signToken(key: Buffer, payload: string): string {
  return `${Buffer.from(payload).toString('base64url')}.${tagOf(key, payload).toString('base64url')}`;
}

/** The payload of a token signed with `key`, or null for anything forged or malformed. */
export function verifyToken(key: Buffer, token: string): string | null {
  const match = /^([A-Za-z0-9_-]{1,512})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const payload = Buffer.from(match[1], 'base64url').toString();
  const tag = Buffer.from(match[2], 'base64url');
  return tag.length === TAG_BYTES && timingSafeEqual(tag, tagOf(key, payload)) ? payload : null;
}
