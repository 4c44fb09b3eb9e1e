import { describe, expect, it } from 'vitest';
import { base32 } from '@scontrino/crypto';
import { newId, randomToken, transactionIdOfReceipt, transactionIdsOf } from './ids.js';

describe('ids', () => {
  it('encodes bytes as RFC 4648 base32, lower case, unpadded', () => {
    expect(base32(Buffer.from('foobar'))).toBe('mzxw6ytboi');
    expect(base32(Buffer.from('f'))).toBe('my');
    expect(base32(new Uint8Array())).toBe('');
  });

  it('prefixes ids with what they name and carries 128 random bits', () => {
    const id = newId('rcpt');
    expect(id).toMatch(/^rcpt_[a-z2-7]{26}$/);
    expect(newId('txn')).toMatch(/^txn_[a-z2-7]{26}$/);
    expect(new Set(Array.from({ length: 1000 }, () => newId('txn'))).size).toBe(1000);
  });

  it('when a transaction is stored, then its ids come from what names it, and its receipt id leads back to it', () => {
    const key = Buffer.alloc(32, 7);
    const pos = { tenantId: 'moda-rossi', storeId: 'MI-001', transactionId: 'MI-001-T03-000123' };
    const { id, receiptId } = transactionIdsOf(key, pos);
    expect(id).toMatch(/^txn_[a-z2-7]{26}$/);
    expect(receiptId).toMatch(/^rcpt_[a-z2-7]{26}$/);
    expect(transactionIdOfReceipt(receiptId)).toBe(id);
    expect(transactionIdsOf(key, { ...pos })).toEqual({ id, receiptId });
    expect(transactionIdsOf(key, { ...pos, storeId: 'RM-001' }).id).not.toBe(id);
    expect(transactionIdsOf(key, { ...pos, tenantId: 'other' }).id).not.toBe(id);
    expect(transactionIdsOf(Buffer.alloc(32, 8), pos).id).not.toBe(id);
    for (const foreign of ['rcpt_', 'txn_abc', `${receiptId}x`, 'rcpt_ABCDEFGHIJKLMNOPQRSTUVWXYZ'])
      expect(transactionIdOfReceipt(foreign)).toBeNull();
  });

  it('makes URL-safe tokens of the requested entropy', () => {
    expect(randomToken(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(randomToken(24)).not.toBe(randomToken(24));
  });
});
