/** The sale of pos-transaction.md: the request example of the OpenAPI document. */
export const exampleSale = {
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

/** One shirt of the sale brought back to another store of the same retailer. */
export const exampleReturn = {
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

const error = (
  code: string,
  message: string,
  issues: { path: string; code: string; message: string }[] = [],
) => ({
  error: { code, message, issues, requestId: '4f1c2a8e-5b7d-4c1e-9a3f-2d6b8e0c7a51' },
});

/** One example body per status of `POST /v1/transactions`. */
export const exampleResponses = {
  201: {
    receiptId: 'rcpt_k5q3x7w2m4n6p8r2t4v6x8z2b4',
    transactionId: 'txn_a2c4e6g7j2l4n6p7r2t4v6x7z2',
    receiptUrl: 'https://receipts.example.com/r/Jx3kP9qLm2Vn8Rt5Wy7Zb4Cd6Fg1Hh0K',
    claimUrl: 'https://receipts.example.com/c/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4',
    claimQr: {
      png: 'https://receipts.example.com/c/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4/qr.png',
      svg: 'https://receipts.example.com/c/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4/qr.svg',
    },
  },
  400: error(
    'request.idempotency_key',
    'Send an Idempotency-Key header of 1–255 visible ASCII characters (e.g. a UUID), the same on every retry',
  ),
  401: error('auth.invalid_key', 'Unknown or revoked terminal key'),
  403: error('auth.wrong_store', 'This key is for store MI-001; it cannot post for store MI-002'),
  409: error('idempotency.key_reused', 'This Idempotency-Key was already used with another body'),
  413: error('request.too_large', 'The body is larger than this endpoint accepts'),
  415: error('request.unsupported_media_type', 'Send the transaction as Content-Type: application/json'),
  422: error('transaction.invalid', 'The transaction breaks 1 rule of the POS contract', [
    {
      path: 'lines[1].total',
      code: 'line_total_mismatch',
      message: 'expected round(quantity × unitPrice) − discounts = 7900, got 7800',
    },
  ]),
};
