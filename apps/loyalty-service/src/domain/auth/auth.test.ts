import { describe, expect, it } from 'vitest';
import { issueSessionToken, verifySessionToken } from './member-session.js';
import { newSignInCode, signInCodeHash, signInCodeMatches } from './sign-in-code.js';
import { derivedKey } from '@scontrino/crypto';
import { MEMBER_SESSION_PURPOSE, SIGN_IN_CODE_PURPOSE } from './signing-key.js';

const LOOKUP_KEY = Buffer.alloc(32, 3).toString('base64');
const key = derivedKey(LOOKUP_KEY, MEMBER_SESSION_PURPOSE);
const now = new Date('2026-05-01T10:00:00Z');
const session = { memberId: 'mbr_a', tenantId: 'moda-rossi', expiresAt: new Date('2026-05-01T10:30:00Z') };

describe('member session tokens', () => {
  it('when a token is verified before it expires, then it names its member and tenant', () => {
    expect(verifySessionToken(key, issueSessionToken(key, session), now)).toEqual({ ok: true, session });
  });

  it('when a token has expired, then it is refused as expired', () => {
    expect(verifySessionToken(key, issueSessionToken(key, session), session.expiresAt)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('when the payload is changed to another member, or signed with another key, then it is refused', () => {
    const token = issueSessionToken(key, session);
    const [, tag] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ m: 'mbr_b', t: 'moda-rossi', exp: 2e9 })).toString('base64url')}.${tag}`;
    expect(verifySessionToken(key, forged, now)).toEqual({ ok: false, reason: 'invalid' });
    const otherKey = derivedKey(LOOKUP_KEY, SIGN_IN_CODE_PURPOSE);
    expect(verifySessionToken(otherKey, token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySessionToken(key, 'not-a-token', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('sign-in codes', () => {
  it('when a code is made, then it is six digits and only its own request accepts it', () => {
    const code = newSignInCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = signInCodeHash(key, 'sgn_1', code);
    expect(signInCodeMatches(key, 'sgn_1', code, stored)).toBe(true);
    expect(signInCodeMatches(key, 'sgn_2', code, stored)).toBe(false);
    expect(signInCodeMatches(key, 'sgn_1', code === '000000' ? '000001' : '000000', stored)).toBe(false);
  });
});
