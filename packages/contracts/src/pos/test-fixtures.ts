import type { ContractIssue } from './issues.js';
import type { PosReturn, PosSale } from './transaction-schema.js';
import { validatePosTransaction } from './validate-transaction.js';

/** The server clock of every test: 4.5 minutes after the example sale. */
export const NOW = new Date('2026-11-22T09:20:00Z');

/** The sale of pos-transaction.md, verbatim. */
export function docSale(): PosSale {
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

/** One of the two shirts of {@link docSale}, brought back to another store, refunded in cash. */
export function docReturn(): PosReturn {
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

/** A sale of one line, totals and taxes consistent, to vary a single figure in a test. */
export function oneLineSale(
  line: Pick<PosSale['lines'][number], 'quantity' | 'unitPrice' | 'total' | 'taxRate'>,
  tax: number,
): PosSale {
  const { customer: _customer, loyalty: _loyalty, ...anonymous } = docSale();
  return {
    ...anonymous,
    lines: [{ lineId: '1', sku: 'SKU-1', name: 'Articolo', discounts: [], ...line }],
    discounts: [],
    taxes: [{ rate: line.taxRate, taxable: line.total, tax }],
    totals: { subtotal: line.total, discountTotal: 0, taxTotal: tax, total: line.total },
    payments: [{ method: 'card', amount: line.total }],
  };
}

/** The issues validatePosTransaction reports, empty when the payload is valid. */
export function issuesOf(payload: unknown): ContractIssue[] {
  const result = validatePosTransaction(payload, { now: NOW });
  return result.ok ? [] : result.issues;
}

export function pointersOf(payload: unknown): string[] {
  return issuesOf(payload).map((issue) => issue.pointer);
}
