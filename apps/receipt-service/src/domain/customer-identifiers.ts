import type { PosTransaction } from '@scontrino/contracts';
import { normaliseIdentifier, posCustomerFieldOf, type IdentifierType } from '@scontrino/identity';

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

/** The identifier type (and look-up hash kind) of each customer field, as every service names it. */
export const identifierTypeOf = Object.fromEntries(
  Object.entries(posCustomerFieldOf).map(([type, field]) => [field, type]),
) as Record<IdentifierField, Exclude<IdentifierType, 'device'>>;

/**
 * An e-mail address in the form it is hashed in, the one `@scontrino/identity` gives every
 * service (trimmed, lower-cased); an address the contract accepted but the normaliser does not is
 * hashed trimmed and lower-cased all the same, so it still finds its own receipts.
 */
export function normalisedEmail(email: string): string {
  const result = normaliseIdentifier('email', email);
  return result.ok ? result.identifier.value : email.trim().toLowerCase();
}
