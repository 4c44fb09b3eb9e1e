import { examplePosSale, validatePosTransaction } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { cashPayment, tendersFor, withLoyaltyTender } from './tenders.js';

const now = new Date('2026-11-22T10:00:00Z');

describe('tenders', () => {
  it('when any total is paid, then amounts minus change come to the total, change only on cash', () => {
    const random = createRandom('tenders');
    for (let i = 0; i < 3000; i++) {
      const total = random.int(1, 60_000);
      const payments = tendersFor(random, total, { giftCards: true });
      const paid = payments.reduce((sum, payment) => sum + payment.amount - (payment.change ?? 0), 0);
      expect(paid).toBe(total);
      for (const payment of payments) {
        if (payment.change !== undefined) {
          expect(payment.method).toBe('cash');
          expect(payment.change).toBeLessThan(payment.amount);
        }
      }
    }
  });

  it('when cash is handed over, then it is the exact sum or a rounder one within 50 €', () => {
    const random = createRandom('cash');
    for (let i = 0; i < 500; i++) {
      const due = random.int(1, 20_000);
      const payment = cashPayment(random, due);
      expect(payment.amount - (payment.change ?? 0)).toBe(due);
      expect(payment.change ?? 0).toBeLessThan(5000);
    }
  });

  it('when points pay part of a sale, then the sale still passes the contract and names the points', () => {
    const sale = withLoyaltyTender(examplePosSale(), 700, 700);
    expect(sale.payments).toEqual([
      { method: 'loyalty_points', amount: 700 },
      { method: 'card', amount: 14791, cardBrand: 'visa', last4: '4242' },
    ]);
    expect(sale.loyalty).toEqual({ pointsRedeemed: 700 });
    expect(validatePosTransaction(sale, { now }).ok).toBe(true);
  });

  it('when points pay a whole cash sale, then no other tender is left', () => {
    const cash = { ...examplePosSale(), payments: [{ method: 'cash' as const, amount: 15491 }] };
    expect(withLoyaltyTender(cash, 15491, 15491).payments).toEqual([
      { method: 'loyalty_points', amount: 15491 },
    ]);
    expect(withLoyaltyTender(cash, 100, 100).payments[1]).toEqual({ method: 'cash', amount: 15391 });
  });
});
