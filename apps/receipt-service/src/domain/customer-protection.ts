import {
  identifierFields,
  type IdentifierField,
  normaliseIdentifier,
  type PosCustomer,
} from './customer-identifiers.js';

/** A personal value at rest: the ciphertext to read it back, the keyed hash to find it by. */
export interface ProtectedValue {
  encrypted: string;
  hash: string;
}

/** `customer` as stored: identifiers protected, delivery wishes (not personal) in clear. */
export type StoredCustomer = Partial<Record<IdentifierField, ProtectedValue>> & {
  receiptDelivery: string[];
};

/** The crypto package's field cipher and look-up hasher, as this module needs them. */
export interface PersonalDataProtection {
  encrypt(plaintext: string, context: string): string;
  hash(kind: string, normalisedValue: string): string;
}

/** The encryption context of a customer field: a ciphertext moved to another field does not decrypt. */
export const customerFieldContext = (field: IdentifierField) => `transaction.customer.${field}`;

export function protectCustomer(customer: PosCustomer, protection: PersonalDataProtection): StoredCustomer {
  const stored: StoredCustomer = { receiptDelivery: [...(customer.receiptDelivery ?? [])] };
  for (const field of identifierFields) {
    const value = customer[field];
    if (value === undefined) continue;
    stored[field] = {
      encrypted: protection.encrypt(value, customerFieldContext(field)),
      hash: protection.hash(field, normaliseIdentifier(field, value)),
    };
  }
  return stored;
}

/** The look-up hashes only: what events may carry about a customer. */
export function identifierHashes(stored: StoredCustomer | null): Partial<Record<IdentifierField, string>> {
  const hashes: Partial<Record<IdentifierField, string>> = {};
  for (const field of identifierFields) {
    const value = stored?.[field];
    if (value) hashes[field] = value.hash;
  }
  return hashes;
}
