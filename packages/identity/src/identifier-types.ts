/**
 * The kinds of identifier a customer leaves behind, across tills, the web shop and the app.
 * The type name is also the look-up hash's kind, so every service hashing `(type, value)` with the
 * shared LOOKUP_HASH_KEY finds the same person.
 */
export const identifierTypes = ['card', 'email', 'phone', 'payment', 'webAccount', 'device'] as const;

export type IdentifierType = (typeof identifierTypes)[number];

/** An identifier in its normalised form (never logged or stored in clear). */
export interface Identifier {
  type: IdentifierType;
  value: string;
}

/** What a POS sends about a customer (the contract's `customer` block), as far as identity goes. */
export interface PosCustomerFields {
  loyaltyCardNumber?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  paymentFingerprint?: string | undefined;
  ecommerceCustomerId?: string | undefined;
}

/** The POS field each identifier type comes from. */
export const posCustomerFieldOf = {
  card: 'loyaltyCardNumber',
  email: 'email',
  phone: 'phone',
  payment: 'paymentFingerprint',
  webAccount: 'ecommerceCustomerId',
} as const satisfies Partial<Record<IdentifierType, keyof PosCustomerFields>>;
