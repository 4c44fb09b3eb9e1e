import { type FieldCipher, type LookupHasher, serviceKeys } from '@scontrino/crypto';
import { CLAIM_CODE_PURPOSE } from '../domain/claim-code.js';
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
  const { cipher, lookupHash, derive } = serviceKeys(env);
  return {
    cipher,
    lookupHash,
    claimKey: derive(CLAIM_CODE_PURPOSE),
    unsubscribeKey: derive('scontrino unsubscribe v1'),
    claimFormKey: derive('scontrino claim form v1'),
    transactionIdKey: derive('scontrino transaction id v1'),
  };
}
