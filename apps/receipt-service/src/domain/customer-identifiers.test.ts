import { describe, expect, it } from 'vitest';
import { identifierTypeOf, normalisedEmail } from './customer-identifiers.js';
import { protectCustomer } from './customer-protection.js';

describe('customer identifiers', () => {
  it('when an e-mail is typed with capitals and spaces, then it is hashed trimmed and lower-cased', () => {
    expect(normalisedEmail('  Mario.Rossi@Example.COM ')).toBe('mario.rossi@example.com');
  });

  it('when a field names a customer, then it maps to the identifier type every service hashes under', () => {
    expect(identifierTypeOf).toEqual({
      loyaltyCardNumber: 'card',
      email: 'email',
      phone: 'phone',
      paymentFingerprint: 'payment',
      ecommerceCustomerId: 'webAccount',
    });
  });
});

describe('customer protection', () => {
  const protection = {
    encrypt: (plaintext: string, context: string) => `enc(${context}):${plaintext}`,
    hash: (type: string, value: string) => `hash(${type}:${value})`,
  };

  it('when a till sends card, e-mail and a national phone, then each is stored encrypted as typed and hashed in normal form', () => {
    const { stored, identifiers } = protectCustomer(
      {
        email: 'Mario@Example.com',
        phone: '333 123 4567',
        loyaltyCardNumber: '2900 0000-12345',
        receiptDelivery: ['email'],
      },
      { country: 'IT', tenantId: 'moda-rossi' },
      protection,
    );
    expect(stored).toEqual({
      email: {
        encrypted: 'enc(transaction.customer.email):Mario@Example.com',
        hash: 'hash(email:mario@example.com)',
      },
      phone: { encrypted: 'enc(transaction.customer.phone):333 123 4567', hash: 'hash(phone:+393331234567)' },
      loyaltyCardNumber: {
        encrypted: 'enc(transaction.customer.loyaltyCardNumber):2900 0000-12345',
        hash: 'hash(card:2900000012345)',
      },
      receiptDelivery: ['email'],
    });
    expect(identifiers).toEqual([
      {
        type: 'email',
        hash: 'hash(email:mario@example.com)',
        sealed: 'enc(event.identifier.email):mario@example.com',
      },
      {
        type: 'phone',
        hash: 'hash(phone:+393331234567)',
        sealed: 'enc(event.identifier.phone):+393331234567',
      },
      { type: 'card', hash: 'hash(card:2900000012345)', sealed: 'enc(event.identifier.card):2900000012345' },
    ]);
  });

  it('when a phone cannot be read as a number of the store country, then it is kept encrypted but identifies nobody', () => {
    const { stored, identifiers } = protectCustomer(
      { phone: '123' },
      { country: 'IT', tenantId: 'moda-rossi' },
      protection,
    );
    expect(stored.phone).toEqual({ encrypted: 'enc(transaction.customer.phone):123', hash: null });
    expect(identifiers).toEqual([]);
  });

  it('when the web-shop account comes from a till, then it is namespaced by the retailer', () => {
    const { identifiers } = protectCustomer(
      { ecommerceCustomerId: 'C-77' },
      { country: null, tenantId: 'moda-rossi' },
      protection,
    );
    expect(identifiers.map(({ type, hash }) => ({ type, hash }))).toEqual([
      { type: 'webAccount', hash: 'hash(webAccount:moda-rossi:C-77)' },
    ]);
  });
});
