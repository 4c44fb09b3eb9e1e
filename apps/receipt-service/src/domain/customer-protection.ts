import { sealedIdentifierContext, type SealedIdentifier } from '@scontrino/contracts';
import { normaliseIdentifier, type IdentifierType } from '@scontrino/identity';
import {
  identifierFields,
  identifierTypeOf,
  type IdentifierField,
  type PosCustomer,
} from './customer-identifiers.js';

/**
 * A personal value at rest: the ciphertext to read it back, the keyed hash to find it by. A value
 * that does not normalise (a phone that is no phone number) has no hash: it finds nobody.
 */
export interface ProtectedValue {
  encrypted: string;
  hash: string | null;
}

/** `customer` as stored: identifiers protected, delivery wishes (not personal) in clear. */
export type StoredCustomer = Partial<Record<IdentifierField, ProtectedValue>> & {
  receiptDelivery: string[];
};

/** The crypto package's field cipher and look-up hasher, as this module needs them. */
export interface PersonalDataProtection {
  encrypt(plaintext: string, context: string): string;
  hash(type: IdentifierType, normalisedValue: string): string;
}

/** Where the sale happened: how a phone without prefix and a web-shop account id are read. */
export interface IdentifierContext {
  country: string | null;
  tenantId: string;
}

/** The encryption context of a customer field: a ciphertext moved to another field does not decrypt. */
export const customerFieldContext = (field: IdentifierField) => `transaction.customer.${field}`;

export interface ProtectedCustomer {
  stored: StoredCustomer;
  /** What `transaction.recorded` carries: hash and sealed normal form of each identifier. */
  identifiers: SealedIdentifier[];
}

export function protectCustomer(
  customer: PosCustomer,
  context: IdentifierContext,
  protection: PersonalDataProtection,
): ProtectedCustomer {
  const stored: StoredCustomer = { receiptDelivery: [...(customer.receiptDelivery ?? [])] };
  const identifiers: SealedIdentifier[] = [];
  for (const field of identifierFields) {
    const value = customer[field];
    if (value === undefined) continue;
    const type = identifierTypeOf[field];
    const normalised = normaliseIdentifier(type, value, {
      defaultCountry: context.country ?? undefined,
      shopId: context.tenantId,
    });
    const hash = normalised.ok ? protection.hash(type, normalised.identifier.value) : null;
    stored[field] = { encrypted: protection.encrypt(value, customerFieldContext(field)), hash };
    if (normalised.ok && hash !== null)
      identifiers.push({
        type,
        hash,
        sealed: protection.encrypt(normalised.identifier.value, sealedIdentifierContext(type)),
      });
  }
  return { stored, identifiers };
}
