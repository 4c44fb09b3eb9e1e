import {
  createFieldCipher,
  createLookupHasher,
  type FieldCipher,
  keyringFrom,
  type LookupHasher,
} from '@scontrino/crypto';
import { claimSigningKey } from '../domain/claim-code.js';
import { derivedSigningKey } from '../domain/signed-token.js';
import type { ReceiptEnv } from '../env.js';

/** The keys the receipt store works with: personal data, look-up hashes, claim-code signatures. */
export interface ReceiptCrypto {
  cipher: FieldCipher;
  lookupHash: LookupHasher;
  claimKey: Buffer;
  /** Signs the email hash in unsubscribe links. */
  unsubscribeKey: Buffer;
  /** Signs the claim form, so a POST answers a form this service served for that code. */
  claimFormKey: Buffer;
  /** Derives a transaction's ids from its POS names (ids.ts `transactionIdsOf`). */
  transactionIdKey: Buffer;
}

export type ReceiptCryptoEnv = Pick<ReceiptEnv, 'CRYPTO_KEYS' | 'CRYPTO_ACTIVE_KEY' | 'LOOKUP_HASH_KEY'>;

export function receiptCrypto(env: ReceiptCryptoEnv): ReceiptCrypto {
  return {
    cipher: createFieldCipher(keyringFrom(env.CRYPTO_KEYS, env.CRYPTO_ACTIVE_KEY)),
    lookupHash: createLookupHasher(env.LOOKUP_HASH_KEY),
    claimKey: claimSigningKey(env.LOOKUP_HASH_KEY),
    unsubscribeKey: derivedSigningKey(env.LOOKUP_HASH_KEY, 'scontrino unsubscribe v1'),
    claimFormKey: derivedSigningKey(env.LOOKUP_HASH_KEY, 'scontrino claim form v1'),
    transactionIdKey: derivedSigningKey(env.LOOKUP_HASH_KEY, 'scontrino transaction id v1'),
  };
}
