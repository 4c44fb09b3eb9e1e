import { randomUUID } from 'node:crypto';

/**
 * The sale of pos-transaction.md (Milan, two lines, split tender), under a fresh transaction id:
 * what a till sends thousands of times a day. `customer` only when a card is given.
 */
export function benchmarkSale(storeId: string, sequence: number, withCard: boolean): Record<string, unknown> {
  return {
    transactionId: `${storeId}-T03-B${String(sequence).padStart(8, '0')}-${randomUUID().slice(0, 8)}`,
    type: 'sale',
    storeId,
    terminalId: 'T03',
    cashierId: 'C17',
    occurredAt: new Date().toISOString(),
    currency: 'EUR',
    locale: 'it-IT',
    ...(withCard
      ? { customer: { loyaltyCardNumber: `29000000${String(sequence % 100000).padStart(5, '0')}` } }
      : {}),
    lines: [
      {
        lineId: '1',
        sku: 'JKT-0420-BLU-M',
        name: 'Giacca uomo slim fit',
        variant: { size: 'M', color: 'blu' },
        category: 'outerwear',
        quantity: 1,
        unitPrice: 8990,
        discounts: [{ code: 'AUTUNNO10', description: 'Autunno -10%', amount: 899 }],
        taxRate: '22',
        total: 8091,
      },
      {
        lineId: '2',
        sku: 'CAM-0077-BIA-40',
        name: 'Camicia elegante',
        variant: { size: '40', color: 'bianco' },
        category: 'shirts',
        quantity: 2,
        unitPrice: 3950,
        discounts: [],
        taxRate: '22',
        total: 7900,
      },
    ],
    discounts: [{ code: 'WELCOME5', description: 'Benvenuto', amount: 500 }],
    taxes: [{ rate: '22', taxable: 15491, tax: 2793 }],
    totals: { subtotal: 15991, discountTotal: 500, taxTotal: 2793, total: 15491 },
    payments: [
      { method: 'card', amount: 10000, cardBrand: 'visa', last4: '4242' },
      { method: 'cash', amount: 6000, change: 509 },
    ],
  };
}
