import {
  createFieldCipher,
  createLookupHasher,
  type FieldCipher,
  keyringFrom,
  type LookupHasher,
} from '@scontrino/crypto';
import { claimSigningKey } from '../domain/claim-code.js';
import type { ReceiptEnv } from '../env.js';

/** The keys the receipt store works with: personal data, look-up hashes, claim-code signatures. */
export interface ReceiptCrypto {
  cipher: FieldCipher;
  lookupHash: LookupHasher;
  claimKey: Buffer;
}

export type ReceiptCryptoEnv = Pick<ReceiptEnv, 'CRYPTO_KEYS' | 'CRYPTO_ACTIVE_KEY' | 'LOOKUP_HASH_KEY'>;

export function receiptCrypto(env: ReceiptCryptoEnv): ReceiptCrypto {
  return {
    cipher: createFieldCipher(keyringFrom(env.CRYPTO_KEYS, env.CRYPTO_ACTIVE_KEY)),
    lookupHash: createLookupHasher(env.LOOKUP_HASH_KEY),
    claimKey: claimSigningKey(env.LOOKUP_HASH_KEY),
  };
}
