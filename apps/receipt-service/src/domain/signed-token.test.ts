import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivedKey } from '@scontrino/crypto';
import { signToken, verifyToken } from './signed-token.js';

const material = randomBytes(32).toString('base64');

describe('signed tokens', () => {
  it('gives back the payload of a token it signed', () => {
    const key = derivedKey(material, 'test v1');
    expect(verifyToken(key, signToken(key, 'hash:123'))).toBe('hash:123');
  });

  it('refuses a token of another purpose, a changed payload and garbage', () => {
    const key = derivedKey(material, 'test v1');
    const other = derivedKey(material, 'other v1');
    const token = signToken(key, 'abc');
    expect(verifyToken(other, token)).toBeNull();
    expect(verifyToken(key, `${Buffer.from('abd').toString('base64url')}.${token.split('.')[1]}`)).toBeNull();
    expect(verifyToken(key, 'not-a-token')).toBeNull();
  });
});
