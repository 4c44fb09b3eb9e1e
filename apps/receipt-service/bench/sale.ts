import { randomUUID } from 'node:crypto';
import { examplePosSale, type PosSale } from '@scontrino/contracts';

/**
 * The sale of pos-transaction.md (Milan, two lines, split tender) under a fresh transaction id,
 * dated now, rung up at `terminalId`: what a till sends thousands of times a day. With a card, it
 * is what `pnpm bench` sends: a member's card sale with an e-mail receipt (card number and address
 * encrypted, both hashed for look-ups); without, an anonymous sale (which gets a claim code).
 */
export function benchmarkSale(
  storeId: string,
  sequence: number,
  withCard: boolean,
  terminalId = 'T03',
): PosSale {
  const { customer: _customer, ...sale } = examplePosSale();
  const member = String(sequence % 100000).padStart(5, '0');
  return {
    ...sale,
    transactionId: `${storeId}-${terminalId}-B${String(sequence).padStart(8, '0')}-${randomUUID().slice(0, 8)}`,
    storeId,
    terminalId,
    occurredAt: new Date().toISOString(),
    ...(withCard
      ? {
          customer: {
            loyaltyCardNumber: `29000000${member}`,
            email: `member.${member}@example.com`,
            receiptDelivery: ['email'],
          },
        }
      : {}),
  };
}
