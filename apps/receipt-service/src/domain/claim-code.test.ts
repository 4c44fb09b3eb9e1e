import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivedKey } from '@scontrino/crypto';
import { CLAIM_CODE_PURPOSE, CLAIM_CODE_TTL_MS, issueClaimCode, verifyClaimCode } from './claim-code.js';

const key = derivedKey(randomBytes(32).toString('base64'), CLAIM_CODE_PURPOSE);
const now = new Date('2026-11-22T09:20:00Z');

describe('claim codes', () => {
  it('when fresh and untouched, then it verifies and says when it expires (90 days)', () => {
    const { code, expiresAt } = issueClaimCode(key, now);
    expect(code).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(CLAIM_CODE_TTL_MS);
    expect(expiresAt.getTime() - now.getTime()).toBeGreaterThan(CLAIM_CODE_TTL_MS - 1000);
    expect(verifyClaimCode(key, code, now)).toEqual({ ok: true, expiresAt });
  });

  it('each code is different', () => {
    expect(issueClaimCode(key, now).code).not.toBe(issueClaimCode(key, now).code);
  });

  it('when past its expiry, then it is refused as expired', () => {
    const { code, expiresAt } = issueClaimCode(key, now);
    expect(verifyClaimCode(key, code, expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('when one character is changed, truncated or signed by another key, then it is refused', () => {
    const { code } = issueClaimCode(key, now);
    const flipped = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
    const otherKey = derivedKey(randomBytes(32).toString('base64'), CLAIM_CODE_PURPOSE);
    expect(verifyClaimCode(key, flipped, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyClaimCode(key, code.slice(0, -1), now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyClaimCode(otherKey, code, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyClaimCode(key, '../../etc/passwd', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('when the expiry bytes are moved forward, then the signature no longer matches', () => {
    const bytes = Buffer.from(issueClaimCode(key, now).code, 'base64url');
    bytes.writeUInt32BE(bytes.readUInt32BE(16) + 86_400, 16);
    expect(verifyClaimCode(key, bytes.toString('base64url'), now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});
