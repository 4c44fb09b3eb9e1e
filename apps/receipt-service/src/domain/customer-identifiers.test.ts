import { describe, expect, it } from 'vitest';
import { isIdentified, normaliseIdentifier } from './customer-identifiers.js';
import { identifierHashes, protectCustomer } from './customer-protection.js';

describe('identifier normalisation', () => {
  it('trims and lower-cases e-mail addresses', () => {
    expect(normaliseIdentifier('email', '  Mario.Rossi@Example.COM ')).toBe('mario.rossi@example.com');
  });

  it('keeps the digits of a phone number and its international prefix, 00 read as +', () => {
    expect(normaliseIdentifier('phone', '+39 333 123 4567')).toBe('+393331234567');
    expect(normaliseIdentifier('phone', '0039 (333) 123-4567')).toBe('+393331234567');
    expect(normaliseIdentifier('phone', '333.123.4567')).toBe('3331234567');
  });

  it('drops spaces and dashes of card numbers, keeps opaque ids as sent', () => {
    expect(normaliseIdentifier('loyaltyCardNumber', '2900 0000-12345')).toBe('2900000012345');
    expect(normaliseIdentifier('paymentFingerprint', ' pf_7D9c ')).toBe('pf_7D9c');
  });

  it('counts a customer as identified only by an identifier, not by delivery wishes', () => {
    expect(isIdentified(undefined)).toBe(false);
    expect(isIdentified({ receiptDelivery: ['paper'] })).toBe(false);
    expect(isIdentified({ paymentFingerprint: 'pf_1' })).toBe(true);
  });
});

describe('customer protection', () => {
  const protection = {
    encrypt: (plaintext: string, context: string) => `enc(${context}):${plaintext.length}`,
    hash: (kind: string, value: string) => `hash(${kind}:${value})`,
  };

  it('stores each identifier encrypted under its own context and hashed in normal form', () => {
    const stored = protectCustomer(
      { email: 'Mario@Example.com', phone: '+39 333', receiptDelivery: ['email'] },
      protection,
    );
    expect(stored).toEqual({
      email: { encrypted: 'enc(transaction.customer.email):17', hash: 'hash(email:mario@example.com)' },
      phone: { encrypted: 'enc(transaction.customer.phone):7', hash: 'hash(phone:+39333)' },
      receiptDelivery: ['email'],
    });
    expect(identifierHashes(stored)).toEqual({
      email: 'hash(email:mario@example.com)',
      phone: 'hash(phone:+39333)',
    });
    expect(identifierHashes(null)).toEqual({});
  });
});
