/**
 * A sale as a till posts it to `POST /v1/transactions` (the example of pos-transaction.md: a
 * jacket in the AUTUNNO campaign and two shirts), with the member's card or none. Written out here
 * because the app depends on the services' public APIs only, not on the contracts package.
 */
export function tillSale(cardNumber: string | null) {
  return {
    transactionId: 'MI-001-T03-000123',
    type: 'sale',
    storeId: 'MI-001',
    terminalId: 'T03',
    cashierId: 'C17',
    occurredAt: '2026-11-22T10:15:30+01:00',
    currency: 'EUR',
    locale: 'it-IT',
    // Without a card: an anonymous sale, whose slip carries a claim QR code.
    ...(cardNumber !== null && { customer: { loyaltyCardNumber: cardNumber, receiptDelivery: ['app'] } }),
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

/** One of the two shirts of {@link tillSale}, brought back to another Milan store and refunded in cash. */
export function tillReturn() {
  return {
    transactionId: 'MI-002-T01-000045',
    type: 'return',
    originalTransactionId: 'MI-001-T03-000123',
    storeId: 'MI-002',
    terminalId: 'T01',
    occurredAt: '2026-11-22T10:38:00+01:00',
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
