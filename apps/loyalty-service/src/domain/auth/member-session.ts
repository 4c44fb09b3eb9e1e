import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Who a session token speaks for, and until when. */
export interface MemberSession {
  memberId: string;
  tenantId: string;
  expiresAt: Date;
}

const payloadSchema = z.object({ m: z.string().min(1), t: z.string().min(1), exp: z.number().int() });

const tagOf = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest();

/**
 * `<payload base64url>.<HMAC-SHA-256 base64url>`: the member, the tenant and the expiry, signed.
 * Not secret (the app may read its expiry), but any change to it breaks the signature.
 */
export function issueSessionToken(key: Buffer, session: MemberSession): string {
  const payload = JSON.stringify({
    m: session.memberId,
    t: session.tenantId,
    exp: Math.floor(session.expiresAt.getTime() / 1000),
  });
  return `${Buffer.from(payload).toString('base64url')}.${tagOf(key, payload).toString('base64url')}`;
}

export type SessionCheck =
  { ok: true; session: MemberSession } | { ok: false; reason: 'invalid' | 'expired' };

/** The session a token carries, refused when forged, malformed or expired at `now`. */
export function verifySessionToken(key: Buffer, token: string, now: Date): SessionCheck {
  const match = /^([A-Za-z0-9_-]{1,1024})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return { ok: false, reason: 'invalid' };
  const payload = Buffer.from(match[1], 'base64url').toString();
  const tag = Buffer.from(match[2], 'base64url');
  const expected = tagOf(key, payload);
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected))
    return { ok: false, reason: 'invalid' };
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(payload));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const expiresAt = new Date(parsed.exp * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, session: { memberId: parsed.m, tenantId: parsed.t, expiresAt } };
}
