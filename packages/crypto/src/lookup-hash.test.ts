import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLookupHasher } from './lookup-hash.js';

describe('look-up hash', () => {
  const hash = createLookupHasher(randomBytes(32).toString('base64'));

  it('is stable for the same identifier, so a record can be found again', () => {
    expect(hash('email', 'mario.rossi@example.com')).toBe(hash('email', 'mario.rossi@example.com'));
  });

  it('separates kinds and values, and does not reveal the value', () => {
    const email = hash('email', 'mario.rossi@example.com');
    expect(hash('phone', 'mario.rossi@example.com')).not.toBe(email);
    expect(hash('email', 'maria.rossi@example.com')).not.toBe(email);
    expect(email).not.toContain('mario');
    expect(email).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('depends on the key: another deployment cannot match these hashes', () => {
    const other = createLookupHasher(randomBytes(32).toString('base64'));
    expect(other('email', 'mario.rossi@example.com')).not.toBe(hash('email', 'mario.rossi@example.com'));
  });
});
