import type { PosTransaction } from '@scontrino/contracts';

/** The customer fields that identify a person: stored encrypted, found by their look-up hash. */
export const identifierFields = [
  'email',
  'phone',
  'loyaltyCardNumber',
  'paymentFingerprint',
  'ecommerceCustomerId',
] as const;

export type IdentifierField = (typeof identifierFields)[number];
export type PosCustomer = NonNullable<PosTransaction['customer']>;

/**
 * The form a value is hashed in, so that the same person typed two ways hashes the same: e-mail
 * trimmed and lower-cased; phone as its digits, `+` kept for an international number (`00` read
 * as `+`), since a national number's country cannot be guessed here; card numbers without spaces
 * or dashes; opaque ids as sent, trimmed. Every service hashing identifiers must use these rules.
 */
export function normaliseIdentifier(field: IdentifierField, value: string): string {
  const trimmed = value.trim();
  switch (field) {
    case 'email':
      return trimmed.toLowerCase();
    case 'phone': {
      const digits = trimmed.replace(/\D/g, '');
      if (trimmed.startsWith('+')) return `+${digits}`;
      return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
    }
    case 'loyaltyCardNumber':
      return trimmed.replace(/[\s-]/g, '').toUpperCase();
    case 'paymentFingerprint':
    case 'ecommerceCustomerId':
      return trimmed;
  }
}

/** True when the POS named the customer by at least one identifier (not just delivery wishes). */
export function isIdentified(customer: PosCustomer | undefined): boolean {
  return identifierFields.some((field) => customer?.[field] !== undefined);
}
