import { describe, expect, it } from 'vitest';
import { indexedPaths, storedCopy } from './stored-copies.js';

const template = {
  _id: 'txn_abc',
  storeId: 'MI-001',
  transactionId: 'MI-001-T01-x-000001',
  receipt: { tokenHash: 'tok', claim: { codeHash: 'code' }, sentAt: new Date('2026-12-06T00:00:00Z') },
  customer: { email: { hash: 'mail' } },
  lines: [{ sku: 'A1' }],
  sequence: 7,
};
const paths = indexedPaths([
  { key: { _id: 1 } },
  { key: { storeId: 1, transactionId: 1 } },
  { key: { 'receipt.tokenHash': 1 } },
  { key: { 'receipt.claim.codeHash': 1 } },
  { key: { 'lines.sku': 1 } },
  { key: { sequence: 1 } },
  { key: { 'customer.phone.hash': 1 } },
]);

describe('stored copies', () => {
  it('makes every indexed value its own and keeps the rest, the template untouched', () => {
    const copy = storedCopy(template, paths, 42, () => 'unused');
    expect(copy).toEqual({
      _id: 'txn_abc~42',
      storeId: 'MI-001~42',
      transactionId: 'MI-001-T01-x-000001~42',
      receipt: { tokenHash: 'tok~42', claim: { codeHash: 'code~42' }, sentAt: template.receipt.sentAt },
      customer: { email: { hash: 'mail' } },
      lines: [{ sku: 'A1' }],
      sequence: 49,
    });
    expect(template._id).toBe('txn_abc');
    expect(template.receipt.tokenHash).toBe('tok');
    expect(copy.lines).toBe(template.lines);
  });

  it('gives an ObjectId _id a fresh one', () => {
    const objectId = { _bsontype: 'ObjectId', id: 'x' };
    const copy = storedCopy({ ...template, _id: objectId }, paths, 1, () => 'fresh');
    expect(copy._id).toBe('fresh');
  });

  it('lists _id first, then each indexed path once', () => {
    expect(indexedPaths([{ key: { a: 1, b: -1 } }, { key: { _id: 1 } }, { key: { b: 1 } }])).toEqual([
      '_id',
      'a',
      'b',
    ]);
  });
});
