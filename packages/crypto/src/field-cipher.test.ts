import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, keyringFrom } from './field-cipher.js';

const key = () => randomBytes(32).toString('base64');
const v1 = key();
const v2 = key();

describe('field cipher', () => {
  const cipher = createFieldCipher(keyringFrom({ '1': v1 }, 1));

  it('round-trips personal data and never stores it in clear', () => {
    const stored = cipher.encrypt('mario.rossi@example.com', 'member.email');
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain('mario');
    expect(cipher.decrypt(stored, 'member.email')).toBe('mario.rossi@example.com');
  });

  it('encrypts the same value differently each time (random IV)', () => {
    expect(cipher.encrypt('+393331234567', 'member.phone')).not.toBe(
      cipher.encrypt('+393331234567', 'member.phone'),
    );
  });

  it('refuses a ciphertext moved to another field or tampered with', () => {
    const stored = cipher.encrypt('mario.rossi@example.com', 'member.email');
    expect(() => cipher.decrypt(stored, 'member.phone')).toThrow();
    const flipped = stored.slice(0, -2) + (stored.endsWith('A') ? 'B' : 'A') + stored.slice(-1);
    expect(() => cipher.decrypt(flipped, 'member.email')).toThrow();
    expect(() => cipher.decrypt('mario.rossi@example.com', 'member.email')).toThrow(
      'not an encrypted field value',
    );
  });

  it('after rotation, reads values written under the old key and flags them for re-encryption', () => {
    const before = cipher.encrypt('Mario Rossi', 'member.name');
    const rotated = createFieldCipher(keyringFrom({ '1': v1, '2': v2 }, 2));
    expect(rotated.decrypt(before, 'member.name')).toBe('Mario Rossi');
    expect(rotated.isStale(before)).toBe(true);
    const after = rotated.encrypt(rotated.decrypt(before, 'member.name'), 'member.name');
    expect(after).toMatch(/^enc:v2:/);
    expect(rotated.isStale(after)).toBe(false);
    expect(rotated.hasOlderKeys).toBe(true);
    expect(cipher.hasOlderKeys).toBe(false);
  });

  it('cannot read a value once its key version is dropped from the keyring', () => {
    const old = cipher.encrypt('Mario Rossi', 'member.name');
    const withoutV1 = createFieldCipher(keyringFrom({ '2': v2 }, 2));
    expect(() => withoutV1.decrypt(old, 'member.name')).toThrow('no encryption key version 1');
  });

  it('rejects a keyring whose active key is missing or malformed', () => {
    expect(() => keyringFrom({ '1': v1 }, 2)).toThrow('active encryption key version 2');
    expect(() => keyringFrom({ '1': 'c2hvcnQ=' }, 1)).toThrow('not 32 bytes');
  });
});
