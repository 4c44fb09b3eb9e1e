import { describe, expect, it } from 'vitest';
import { after, decodeCursor, encodeCursor, newestFirst } from './receipt-page-cursor.js';

const entry = (iso: string, id: string) => ({ occurredAt: new Date(iso), id });

describe("paging through a customer's receipts", () => {
  const sorted = [
    entry('2026-11-22T10:00:00Z', 'txn_c'),
    entry('2026-11-22T09:00:00Z', 'txn_b'),
    entry('2026-11-22T09:00:00Z', 'txn_a'),
    entry('2026-11-20T18:30:00Z', 'txn_z'),
  ].sort(newestFirst);

  it('walks newest first without skipping or repeating receipts that share a time', () => {
    expect(sorted.map((e) => e.id)).toEqual(['txn_c', 'txn_b', 'txn_a', 'txn_z']);
    const firstPage = sorted.slice(0, 2);
    const cursor = decodeCursor(encodeCursor(firstPage[1]!));
    expect(after(sorted, cursor).map((e) => e.id)).toEqual(['txn_a', 'txn_z']);
  });

  it('refuses cursors it did not make', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('["yesterday","txn_a"]').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"id":"txn_a"}').toString('base64url'))).toBeNull();
  });
});
