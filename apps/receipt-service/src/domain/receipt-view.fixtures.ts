import { examplePosSale, type PosSale } from '@scontrino/contracts';
import type { ReceiptRecord } from './receipt-record.js';
import type { StoreProfile } from './store-profile.js';

// Receipts for tests of the view model, the renderers and the pages. Every transaction is valid
// against the POS contract (a test checks it), so the figures add up as on a real receipt.

export const PUBLIC_URL = 'https://receipts.example.com';

export function milanStore(): StoreProfile {
  return {
    storeId: 'MI-001',
    tenantId: 'moda-rossi',
    name: 'Moda Rossi Milano',
    legalName: 'Moda Rossi S.r.l.',
    address: {
      street: 'Corso Buenos Aires 21',
      postalCode: '20124',
      city: 'Milano',
      province: 'MI',
      country: 'IT',
    },
    vatNumber: 'IT01234567890',
    timeZone: 'Europe/Rome',
    defaultLocale: 'it-IT',
    currency: 'EUR',
    branding: {
      logoUrl: 'https://cdn.example.com/moda-rossi/logo.png',
      accentColor: '#8a1538',
      footer: 'Cambi e resi entro 30 giorni con questo scontrino.\nGrazie e arrivederci!',
      footerTranslations: {
        en: 'Exchanges and returns within 30 days with this receipt.\nThank you, goodbye!',
      },
    },
  };
}

function exampleSaleWithoutCustomer(): ReceiptRecord['transaction'] {
  const { customer: _customer, ...transaction } = examplePosSale();
  return transaction;
}

/** The sale of pos-transaction.md (without its customer), a loyalty member's. */
export function docSaleRecord(): ReceiptRecord {
  return {
    receiptId: 'rcpt_doc_sale',
    transaction: exampleSaleWithoutCustomer(),
    store: milanStore(),
    receiptUrl: `${PUBLIC_URL}/r/doc-sale-token-0000000000000`,
    claimUrl: null,
    related: [{ kind: 'returned-by', transactionId: 'MI-002-T01-000045' }],
    loyalty: {
      pointsEarned: 154,
      balance: 1280,
      pending: 154,
      availableFrom: '2026-12-22T09:15:00Z',
      tier: 'Gold',
    },
  };
}

/** An anonymous grocery sale with weighed goods and two VAT rates, still claimable. */
export function weighedSaleRecord(): ReceiptRecord {
  return {
    receiptId: 'rcpt_weighed_sale',
    transaction: {
      transactionId: 'MI-001-T01-000777',
      type: 'sale',
      storeId: 'MI-001',
      terminalId: 'T01',
      occurredAt: '2026-03-29T01:30:00Z',
      currency: 'EUR',
      locale: 'it-IT',
      lines: [
        saleLine('1', 'Parmigiano Reggiano 24 mesi', 0.535, 2490, '4', 1332),
        saleLine('2', 'Pane di Altamura', 1, 350, '4', 350),
        saleLine('3', 'Mele Golden', 1.25, 249, '4', 311),
        saleLine('4', 'Borsa riutilizzabile', 1, 150, '22', 150),
      ],
      discounts: [],
      taxes: [
        { rate: '4', taxable: 1993, tax: 77 },
        { rate: '22', taxable: 150, tax: 27 },
      ],
      totals: { subtotal: 2143, discountTotal: 0, taxTotal: 104, total: 2143 },
      payments: [{ method: 'cash', amount: 2500, change: 357 }],
    },
    store: milanStore(),
    receiptUrl: `${PUBLIC_URL}/r/weighed-sale-token-00000000000`,
    claimUrl: `${PUBLIC_URL}/c/claim-code-weighed-sale`,
    related: [],
    loyalty: null,
  };
}

/** One of the doc sale's shirts, brought back and refunded in cash. */
export function returnRecord(): ReceiptRecord {
  return {
    receiptId: 'rcpt_return',
    transaction: {
      transactionId: 'MI-002-T01-000045',
      type: 'return',
      originalTransactionId: 'MI-001-T03-000123',
      storeId: 'MI-002',
      terminalId: 'T01',
      occurredAt: '2026-11-22T10:18:00+01:00',
      currency: 'EUR',
      locale: 'en-US',
      lines: [{ ...saleLine('1', 'Camicia elegante', 1, 3950, '22', 3950), originalLineId: '2' }],
      discounts: [],
      taxes: [{ rate: '22', taxable: 3950, tax: 712 }],
      totals: { subtotal: 3950, discountTotal: 0, taxTotal: 712, total: 3950 },
      payments: [{ method: 'cash', amount: 3950 }],
    },
    store: milanStore(),
    receiptUrl: `${PUBLIC_URL}/r/return-token-000000000000000`,
    claimUrl: null,
    related: [{ kind: 'returns', transactionId: 'MI-001-T03-000123' }],
    loyalty: null,
  };
}

/** A free sale: a gift handed out at the till, nothing to pay, so no payment. */
export function freeSaleRecord(): ReceiptRecord {
  return {
    receiptId: 'rcpt_free_sale',
    transaction: {
      transactionId: 'MI-001-T02-000900',
      type: 'sale',
      storeId: 'MI-001',
      terminalId: 'T02',
      occurredAt: '2026-11-23T16:40:00Z',
      currency: 'EUR',
      locale: 'it-IT',
      lines: [
        {
          ...saleLine('1', 'Shopper omaggio', 1, 150, '22', 0),
          discounts: [{ description: 'Omaggio', amount: 150 }],
        },
      ],
      discounts: [],
      taxes: [{ rate: '22', taxable: 0, tax: 0 }],
      totals: { subtotal: 0, discountTotal: 0, taxTotal: 0, total: 0 },
      payments: [],
    },
    store: milanStore(),
    receiptUrl: `${PUBLIC_URL}/r/free-sale-token-0000000000000`,
    claimUrl: null,
    related: [],
    loyalty: null,
  };
}

/** A line without variant or discount; `total` must be round(quantity × unitPrice). */
export function saleLine(
  lineId: string,
  name: string,
  quantity: number,
  unitPrice: number,
  taxRate: string,
  total: number,
): PosSale['lines'][number] {
  return { lineId, sku: `SKU-${lineId}`, name, quantity, unitPrice, discounts: [], taxRate, total };
}

/** A sale `record` with other lines; its totals no longer add up, which the renderers do not check. */
export function withLines(record: ReceiptRecord, lines: PosSale['lines']): ReceiptRecord {
  if (record.transaction.type !== 'sale') throw new Error('withLines takes a sale');
  return { ...record, transaction: { ...record.transaction, lines } };
}
