import { SEALED_NAME_CONTEXT, sealedIdentifierContext } from '@scontrino/contracts';
import { type FieldCipher, type LookupHasher, serviceKeys } from '@scontrino/crypto';
import type { IdentifierType } from '@scontrino/identity';
import type { ReconciliationEnv } from '../env.js';

export type IdentityCryptoEnv = Pick<
  ReconciliationEnv,
  'CRYPTO_KEYS' | 'CRYPTO_ACTIVE_KEY' | 'LOOKUP_HASH_KEY'
>;

/**
 * The keys of personal data here: values are sealed under this service's own contexts (a value
 * copied from an event or another service's field does not decrypt here by accident), hashed
 * with the platform's shared look-up key (so hashes match across services).
 */
export interface IdentityCrypto {
  lookupHash: LookupHasher;
  /** The field cipher itself: what the re-encryption job rewrites stale values with. */
  cipher: FieldCipher;
  sealValue(type: IdentifierType, value: string): string;
  openValue(type: IdentifierType, sealed: string): string;
  /** A `sealed` value of an event (receipt service, or ours) back to the normalised value. */
  openEventValue(type: IdentifierType, sealed: string): string;
  sealForEvent(type: IdentifierType, value: string): string;
  sealName(name: string): string;
  openName(sealed: string): string;
  /** A name sealed in an event (`member.enrolled`) back to clear. */
  openEventName(sealed: string): string;
}

export const identifierValueContext = (type: IdentifierType) => `reconciliation.identifier.${type}`;
export const NAME_CONTEXT = 'reconciliation.name';

export function identityCrypto(env: IdentityCryptoEnv): IdentityCrypto {
  const { cipher, lookupHash } = serviceKeys(env);
  return {
    lookupHash,
    cipher,
    sealValue: (type, value) => cipher.encrypt(value, identifierValueContext(type)),
    openValue: (type, sealed) => cipher.decrypt(sealed, identifierValueContext(type)),
    openEventValue: (type, sealed) => cipher.decrypt(sealed, sealedIdentifierContext(type)),
    sealForEvent: (type, value) => cipher.encrypt(value, sealedIdentifierContext(type)),
    sealName: (name) => cipher.encrypt(name, NAME_CONTEXT),
    openName: (sealed) => cipher.decrypt(sealed, NAME_CONTEXT),
    openEventName: (sealed) => cipher.decrypt(sealed, SEALED_NAME_CONTEXT),
  };
}
