import { type FieldCipher, type LookupHasher, serviceKeys } from '@scontrino/crypto';
import { maskIdentifier, normaliseIdentifier } from '@scontrino/identity';
import { MEMBER_SESSION_PURPOSE, SIGN_IN_CODE_PURPOSE } from '../domain/auth/signing-key.js';
import type { LoyaltyEnv } from '../env.js';

/** Encryption contexts: a ciphertext copied into another field does not decrypt there. */
export const MEMBER_EMAIL_CONTEXT = 'loyalty.member.email';
export const MEMBER_NAME_CONTEXT = 'loyalty.member.name';
export const MEMBER_CARD_CONTEXT = 'loyalty.member.card';

export type LoyaltyCryptoEnv = Pick<LoyaltyEnv, 'CRYPTO_KEYS' | 'CRYPTO_ACTIVE_KEY' | 'LOOKUP_HASH_KEY'>;

/** The keys the loyalty service works with: personal data, look-up hashes, app sessions, codes. */
export interface LoyaltyCrypto {
  cipher: FieldCipher;
  lookupHash: LookupHasher;
  sessionKey: Buffer;
  signInCodeKey: Buffer;
  /**
   * A card number as every service hashes it, with the masked form staff see and the number
   * encrypted, for the member's own card QR in the app.
   */
  card(raw: string): { hash: string; masked: string; encrypted: string } | null;
  /** An email in normal form and its look-up hash; null when it is no email address. */
  email(raw: string): { hash: string; normalised: string } | null;
  /** A member's stored e-mail, name or card number in clear. */
  openEmail(encrypted: string): string;
  openName(encrypted: string): string;
  openCard(encrypted: string): string;
}

export function loyaltyCrypto(env: LoyaltyCryptoEnv): LoyaltyCrypto {
  const { cipher, lookupHash, derive } = serviceKeys(env);
  return {
    cipher,
    lookupHash,
    sessionKey: derive(MEMBER_SESSION_PURPOSE),
    signInCodeKey: derive(SIGN_IN_CODE_PURPOSE),
    card(raw) {
      const result = normaliseIdentifier('card', raw);
      if (!result.ok) return null;
      return {
        hash: lookupHash('card', result.identifier.value),
        masked: maskIdentifier(result.identifier),
        encrypted: cipher.encrypt(result.identifier.value, MEMBER_CARD_CONTEXT),
      };
    },
    email(raw) {
      const result = normaliseIdentifier('email', raw);
      if (!result.ok) return null;
      return { hash: lookupHash('email', result.identifier.value), normalised: result.identifier.value };
    },
    openEmail: (encrypted) => cipher.decrypt(encrypted, MEMBER_EMAIL_CONTEXT),
    openName: (encrypted) => cipher.decrypt(encrypted, MEMBER_NAME_CONTEXT),
    openCard: (encrypted) => cipher.decrypt(encrypted, MEMBER_CARD_CONTEXT),
  };
}
