import type { ContractIssue } from './issues.js';
import { examplePosSale as docSale } from './examples.js';
import type { PosSale } from './transaction-schema.js';
import { validatePosTransaction } from './validate-transaction.js';

/** The server clock of every test: 4.5 minutes after the example sale. */
export const NOW = new Date('2026-11-22T09:20:00Z');

/** The contract's examples under the names the tests read best with. */
export { examplePosReturn as docReturn, examplePosSale as docSale } from './examples.js';

/** The example sale as a parse returns it: contact fields tidied, so its e-mail lower-cased. */
export function parsedDocSale(): PosSale {
  const sale = docSale();
  return { ...sale, customer: { ...sale.customer, email: 'mario.rossi@example.com' } };
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
