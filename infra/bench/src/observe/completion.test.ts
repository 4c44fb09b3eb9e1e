import { describe, expect, it } from 'vitest';
import type { AcceptedSale } from '../traffic.js';
import { checkableSample } from './completion.js';

const sale = (cardNumber: string, sentAt: number): AcceptedSale => ({
  posTransactionId: `MI-001-T01-${sentAt}`,
  recordId: `txn_${sentAt}`,
  receiptId: `rcpt_${sentAt}`,
  cardNumber,
  sentAt,
});

describe('the sales whose credit is checked', () => {
  it("keeps each member's 20 newest sales, which the loyalty service lists, oldest first", () => {
    const regular = Array.from({ length: 25 }, (_, index) => sale('2901000000001', index));
    const other = [sale('2901000000002', 100)];
    const checked = checkableSample([...regular, ...other], 1000);
    expect(checked.map((s) => s.sentAt)).toEqual([
      ...Array.from({ length: 20 }, (_, index) => index + 5),
      100,
    ]);
  });

  it('when more are checkable than the limit, then a sample spread over the whole step is taken', () => {
    const sales = Array.from({ length: 400 }, (_, index) =>
      sale(`29010000${String(index).padStart(5, '0')}`, index),
    );
    const checked = checkableSample(sales, 100);
    expect(checked).toHaveLength(100);
    expect(checked[0]?.sentAt).toBe(0);
    expect(checked[99]?.sentAt).toBe(396);
  });
});
