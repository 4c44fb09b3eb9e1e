import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derivedKey, serviceKeys } from './service-keys.js';

const env = {
  CRYPTO_KEYS: { '1': randomBytes(32).toString('base64') },
  CRYPTO_ACTIVE_KEY: 1,
  LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
};

describe('serviceKeys', () => {
  it('seals and opens a field, and hashes a value the same way each time', () => {
    const keys = serviceKeys(env);
    const sealed = keys.cipher.encrypt('giulia@example.it', 'test.email');
    expect(sealed).not.toContain('giulia');
    expect(keys.cipher.decrypt(sealed, 'test.email')).toBe('giulia@example.it');
    expect(keys.lookupHash('email', 'giulia@example.it')).toBe(
      serviceKeys(env).lookupHash('email', 'giulia@example.it'),
    );
  });

  it('derives one 32-byte key per purpose, the same from the same look-up key', () => {
    const keys = serviceKeys(env);
    expect(keys.derive('a v1')).toHaveLength(32);
    expect(keys.derive('a v1').equals(derivedKey(env.LOOKUP_HASH_KEY, 'a v1'))).toBe(true);
    expect(keys.derive('a v1').equals(keys.derive('b v1'))).toBe(false);
    const other = serviceKeys({ ...env, LOOKUP_HASH_KEY: randomBytes(32).toString('base64') });
    expect(other.derive('a v1').equals(keys.derive('a v1'))).toBe(false);
  });
});
