import { hkdfSync } from 'node:crypto';
import { createFieldCipher, type FieldCipher, keyringFrom } from './field-cipher.js';
import { createLookupHasher, type LookupHasher } from './lookup-hash.js';

/** The keys of a service's env (`cryptoEnv` of @scontrino/config). */
export interface KeysEnv {
  /** Key versions to base64 keys: old versions stay to read old ciphertexts. */
  CRYPTO_KEYS: Readonly<Record<string, string>>;
  /** The version that encrypts. */
  CRYPTO_ACTIVE_KEY: number;
  /** The platform's shared look-up key (base64): hashes match across services. */
  LOOKUP_HASH_KEY: string;
}

/** What every service builds from its keys; each adds its own contexts and purposes. */
export interface ServiceKeys {
  cipher: FieldCipher;
  lookupHash: LookupHasher;
  /** A 32-byte key of its own for one purpose (a signature, a session), from the look-up key. */
  derive: (purpose: string) => Buffer;
}

/**
 * A key for one purpose (`'scontrino unsubscribe v1'`), derived from the look-up key with
 * HKDF-SHA-256: one secret to configure, and a key leaked for one purpose opens no other.
 */
export function derivedKey(lookupHashKeyBase64: string, purpose: string): Buffer {
  const material = Buffer.from(lookupHashKeyBase64, 'base64');
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), purpose, 32));
}

export function serviceKeys(env: KeysEnv): ServiceKeys {
  return {
    cipher: createFieldCipher(keyringFrom(env.CRYPTO_KEYS, env.CRYPTO_ACTIVE_KEY)),
    lookupHash: createLookupHasher(env.LOOKUP_HASH_KEY),
    derive: (purpose) => derivedKey(env.LOOKUP_HASH_KEY, purpose),
  };
}
