import type { PosReturn, PosSale } from './transaction-schema.js';

/**
 * The sale of docs/pos-transaction.md, verbatim: the contract's own example, for API documentation,
 * demo data, benchmarks and tests. A fresh copy each call.
 */
export function examplePosSale(): PosSale {
  return {
    transactionId: 'MI-001-T03-000123',
    type: 'sale',
    storeId: 'MI-001',
    terminalId: 'T03',
    cashierId: 'C17',
    occurredAt: '2026-11-22T10:15:30+01:00',
    currency: 'EUR',
    locale: 'it-IT',
    customer: {
      loyaltyCardNumber: '2900000012345',
      email: 'Mario.Rossi@Example.com',
      phone: '+39 333 123 4567',
      paymentFingerprint: 'pf_7d9c1f0e',
      receiptDelivery: ['email', 'app'],
    },
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
    loyalty: { pointsRedeemed: 0 },
  };
}

/** One of the two shirts of {@link examplePosSale}, brought back to another store, refunded in cash. */
export function examplePosReturn(): PosReturn {
  return {
    transactionId: 'MI-002-T01-000045',
    type: 'return',
    originalTransactionId: 'MI-001-T03-000123',
    storeId: 'MI-002',
    terminalId: 'T01',
    occurredAt: '2026-11-22T10:18:00+01:00',
    currency: 'EUR',
    locale: 'it-IT',
    lines: [
      {
        lineId: '1',
        originalLineId: '2',
        sku: 'CAM-0077-BIA-40',
        name: 'Camicia elegante',
        quantity: 1,
        unitPrice: 3950,
        discounts: [],
        taxRate: '22',
        total: 3950,
      },
    ],
    discounts: [],
    taxes: [{ rate: '22', taxable: 3950, tax: 712 }],
    totals: { subtotal: 3950, discountTotal: 0, taxTotal: 712, total: 3950 },
    payments: [{ method: 'cash', amount: 3950 }],
  };
}
