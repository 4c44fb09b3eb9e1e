import { describe, expect, it as test } from 'vitest';
import { sessionStore, tokenExpiry } from './session.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const now = new Date('2026-05-01T10:00:00Z');
const session = { token: 'abc.def', email: 'anna@example.it', expiresAt: '2026-05-01T10:30:00Z' };

describe('sessionStore', () => {
  test('when a session is written, then it is read back until it expires', () => {
    const storage = memoryStorage();
    const store = sessionStore(storage);
    store.write(session);
    expect(store.read(now)).toEqual(session);
    expect(store.read(new Date('2026-05-01T10:30:00Z'))).toBeNull();
    // An expired session is dropped, not kept for later.
    expect(storage.items.size).toBe(0);
  });

  test('when the service did not state an expiry, then the session is kept until cleared', () => {
    const store = sessionStore(memoryStorage());
    store.write({ ...session, expiresAt: null });
    expect(store.read(new Date('2030-01-01T00:00:00Z'))?.token).toBe('abc.def');
    store.clear();
    expect(store.read(now)).toBeNull();
  });

  test('when the stored value is not a session (edited by hand, older app), then it is dropped', () => {
    for (const raw of ['not json', '{"email":"x"}', '{"token":"","email":"x"}', 'null']) {
      const storage = memoryStorage();
      storage.setItem('scontrino.loyalty.session', raw);
      expect(sessionStore(storage).read(now)).toBeNull();
      expect(storage.items.size).toBe(0);
    }
  });
});

describe('tokenExpiry', () => {
  test('when a token carries its expiry in seconds, then it is read as an ISO instant', () => {
    const payload = Buffer.from(JSON.stringify({ m: 'mbr_a', t: 'moda-rossi', exp: 1777629600 })).toString(
      'base64url',
    );
    expect(tokenExpiry(`${payload}.c2lnbmF0dXJl`)).toBe('2026-05-01T10:00:00.000Z');
  });

  test('when the token cannot be read, then there is no expiry', () => {
    expect(tokenExpiry('')).toBeNull();
    expect(tokenExpiry('%%%.sig')).toBeNull();
    expect(tokenExpiry(`${Buffer.from('{"exp":"soon"}').toString('base64url')}.sig`)).toBeNull();
  });
});
