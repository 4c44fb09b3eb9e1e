import { randomUUID } from 'node:crypto';
import { examplePosSale, type PosSale } from '@scontrino/contracts';

/**
 * The sale of pos-transaction.md (Milan, two lines, split tender) under a fresh transaction id,
 * dated now: what a till sends thousands of times a day. `customer` only when a card is given.
 */
export function benchmarkSale(storeId: string, sequence: number, withCard: boolean): PosSale {
  const { customer: _customer, ...sale } = examplePosSale();
  return {
    ...sale,
    transactionId: `${storeId}-T03-B${String(sequence).padStart(8, '0')}-${randomUUID().slice(0, 8)}`,
    storeId,
    occurredAt: new Date().toISOString(),
    ...(withCard
      ? { customer: { loyaltyCardNumber: `29000000${String(sequence % 100000).padStart(5, '0')}` } }
      : {}),
  };
}
