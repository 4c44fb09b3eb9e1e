import { describe, expect, it } from 'vitest';
import {
  docReturn,
  docSale,
  issuesOf,
  NOW,
  oneLineSale,
  parsedDocSale,
  pointersOf,
} from './test-fixtures.js';
import { holdsCardNumber } from './card-numbers.js';
import { expectedTax } from './tax-rules.js';
import { validatePosTransaction } from './validate-transaction.js';

const VISA_TEST_PAN = '4111 1111 1111 1111';

describe('validatePosTransaction', () => {
  it('accepts the sale of the design document and returns it parsed', () => {
    const result = validatePosTransaction({ ...docSale(), futureField: 'ignored' }, { now: NOW });
    expect(result).toEqual({ ok: true, value: parsedDocSale() });
  });

  it('accepts a return, a weighed-goods sale and a sale in yen', () => {
    const yen = {
      ...oneLineSale({ quantity: 2, unitPrice: 1980, total: 3960, taxRate: '10' }, 360),
      currency: 'JPY',
      locale: 'ja-JP',
      payments: [{ method: 'cash', amount: 5000, change: 1040 }],
    };
    const weighed = oneLineSale({ quantity: 0.535, unitPrice: 1299, total: 695, taxRate: '10' }, 63);
    expect([docReturn(), weighed, yen].map(pointersOf)).toEqual([[], [], []]);
  });

  it('refuses control characters and lone surrogates by path, and keeps tabs and newlines in free text', () => {
    const sale = docSale();
    sale.cashierId = 'C\u000017';
    sale.lines[0] = { ...sale.lines[0]!, name: 'Giacca\u0007 slim', sku: 'JKT\ud800' };
    sale.lines[1] = { ...sale.lines[1]!, name: 'Camicia\n\telegante', variant: { 'si\u001bze': '40' } };

    expect(pointersOf(sale).sort()).toEqual([
      'cashierId',
      'lines[0].name',
      'lines[0].sku',
      'lines[1].variant["si\\u001bze"]',
    ]);
    const paired = docSale();
    paired.lines[0] = { ...paired.lines[0]!, name: 'Giacca \u{1F9E5}\u202E' };
    expect(pointersOf(paired)).toEqual([]);
  });

  it('when amounts reach 2^53−1, then each is refused by the amount rule, not as a card number', () => {
    const big = 2 ** 53 - 1;
    // A consistent sale in every other respect: the tax of this total passes the Luhn check.
    const tax = Number(expectedTax(big, '22'));
    expect(holdsCardNumber(String(tax))).toBe(true);
    const sale = oneLineSale({ quantity: 1, unitPrice: big, total: big, taxRate: '22' }, tax);
    const issues = issuesOf(sale);
    expect(issues.filter((issue) => issue.code === 'card_number')).toEqual([]);
    expect(new Set(issues.map((issue) => issue.code))).toEqual(new Set(['too_big']));
    expect(issues.map((issue) => issue.pointer)).toEqual(
      expect.arrayContaining(['lines[0].unitPrice', 'taxes[0].tax', 'totals.total', 'payments[0].amount']),
    );
    expect(issues[0]?.message).toBe('must be at most 999999999999 minor units');
  });

  it('when an amount field holds a card number as text, then the card rule still names it', () => {
    const sale = { ...docSale(), totals: { ...docSale().totals, total: VISA_TEST_PAN } };
    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual(
      expect.arrayContaining([['totals.total', 'card_number']]),
    );
  });

  it('reports every broken rule at once, each with its path', () => {
    const sale = docSale();
    sale.occurredAt = '2026-11-22T10:30:00+01:00';
    sale.lines[0] = { ...sale.lines[0]!, unitPrice: 9000 };
    sale.lines[1] = { ...sale.lines[1]!, lineId: '1', name: `Camicia ${VISA_TEST_PAN}` };
    sale.payments[0] = { method: 'card', amount: 10100, change: 100 };
    sale.totals.taxTotal = 2000;

    expect(issuesOf(sale).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['lines[0].total', 'line_total_mismatch'],
      ['payments[0].change', 'change_not_cash'],
      ['totals.taxTotal', 'tax_total_mismatch'],
      ['lines[1].lineId', 'duplicate_line_id'],
      ['occurredAt', 'occurred_at_future'],
      ['lines[1].name', 'card_number'],
    ]);
  });

  it('gives each issue its path as an array and as a pointer', () => {
    const sale = docSale();
    sale.lines[1] = { ...sale.lines[1]!, unitPrice: 3900 };
    const [issue] = issuesOf(sale);
    expect(issue).toMatchObject({ path: ['lines', 1, 'total'], pointer: 'lines[1].total' });
  });

  it('when a line name holds a card number, then it is refused without repeating the number', () => {
    const sale = docSale();
    sale.lines[1] = { ...sale.lines[1]!, name: VISA_TEST_PAN };
    const issues = issuesOf(sale);
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([['lines[1].name', 'card_number']]);
    expect(issues[0]?.message).not.toMatch(/\d{4}/);
  });

  it('when an unknown field holds a card number, then it is refused though the field would be stripped', () => {
    expect(pointersOf({ ...docSale(), notes: { pan: VISA_TEST_PAN } })).toEqual(['notes.pan']);
  });

  it('accepts card details the contract allows: last4, brand and the provider token', () => {
    expect(pointersOf(docSale())).toEqual([]);
  });

  it('when the shape is broken, then all shape issues come back along with card numbers', () => {
    const sale = docSale();
    const payload = {
      ...sale,
      currency: 'euro',
      lines: [
        { ...sale.lines[0], quantity: -1 },
        { ...sale.lines[1], name: VISA_TEST_PAN },
      ],
      totals: { ...sale.totals, total: '15491' },
    };
    expect(issuesOf(payload).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['currency', 'invalid_format'],
      ['lines[0].quantity', 'too_small'],
      ['totals.total', 'invalid_type'],
      ['lines[1].name', 'card_number'],
    ]);
  });

  it('when the payload is not an object, then the root is reported', () => {
    expect(issuesOf('sale').map((issue) => [issue.pointer, issue.code])).toEqual([
      ['(root)', 'invalid_type'],
    ]);
  });
});

describe('deeply nested payloads', () => {
  it('refuses a payload nested far deeper than any transaction, at once and with one issue', () => {
    let nested: unknown = 'leaf';
    for (let level = 0; level < 50_000; level++) nested = { next: nested };
    const result = validatePosTransaction({ ...docSale(), customer: nested }, { now: NOW });
    expect(result).toEqual({
      ok: false,
      issues: [expect.objectContaining({ pointer: `customer${'.next'.repeat(31)}`, code: 'too_deep' })],
    });
  });
});
