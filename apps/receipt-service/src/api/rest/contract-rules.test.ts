import type { PosSale } from '@scontrino/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

let service: TestReceiptService;
let key: string;
beforeAll(async () => {
  service = await startTestReceiptService();
  key = await service.terminal('MI-001', 'T03');
});
afterAll(() => service.close());

type Break = (payload: PosSale) => void;

const inFuture = () => new Date(Date.now() + 10 * 60_000).toISOString();
const line = (payload: PosSale, index: number) => {
  const found = payload.lines[index];
  if (!found) throw new Error(`no line ${index}`);
  return found;
};

// One broken rule of docs/pos-transaction.md per case, on the contract's example sale.
const cases: [rule: string, breakIt: Break, path: string, code: string][] = [
  ['1: line total', (p) => void (line(p, 1).unitPrice = 3900), 'lines[1].total', 'line_total_mismatch'],
  [
    '1: line total ≥ 0',
    (p) => void (line(p, 0).discounts[0]!.amount = 9000),
    'lines[0].total',
    'line_total_negative',
  ],
  ['2: subtotal', (p) => void (p.totals.subtotal = 15990), 'totals.subtotal', 'subtotal_mismatch'],
  [
    '2: discount total',
    (p) => void (p.totals.discountTotal = 400),
    'totals.discountTotal',
    'discount_total_mismatch',
  ],
  ['2: total', (p) => void (p.totals.total = 15490), 'totals.total', 'total_mismatch'],
  [
    '2: total ≥ 0',
    (p) => {
      p.discounts[0]!.amount = 20_000;
      p.totals.discountTotal = 20_000;
    },
    'totals.total',
    'total_negative',
  ],
  ['3: payments', (p) => void (p.payments[1]!.amount = 6001), 'payments', 'payments_mismatch'],
  [
    '3: change only on cash',
    (p) => void (p.payments[0]!.change = 1),
    'payments[0].change',
    'change_not_cash',
  ],
  [
    '3: change ≤ amount',
    (p) => void (p.payments[1]!.change = 6001),
    'payments[1].change',
    'change_exceeds_amount',
  ],
  [
    '4: tax per rate',
    (p) => {
      p.taxes[0]!.tax = 2700;
      p.totals.taxTotal = 2700;
    },
    'taxes[0].tax',
    'tax_mismatch',
  ],
  ['4: Σ taxable', (p) => void (p.taxes[0]!.taxable = 15000), 'taxes', 'taxable_sum_mismatch'],
  ['4: tax total', (p) => void (p.totals.taxTotal = 2000), 'totals.taxTotal', 'tax_total_mismatch'],
  [
    '4: one entry per rate',
    (p) => void p.taxes.push({ rate: '22', taxable: 0, tax: 0 }),
    'taxes[1].rate',
    'duplicate_tax_rate',
  ],
  [
    '4: every line rate taxed',
    (p) => void (line(p, 1).taxRate = '10'),
    'lines[1].taxRate',
    'line_tax_rate_missing',
  ],
  ['5: unique lineId', (p) => void (line(p, 1).lineId = '1'), 'lines[1].lineId', 'duplicate_line_id'],
  ['5: at least one line', (p) => void (p.lines = []), 'lines', 'too_small'],
  [
    '5: at most 1,000 lines',
    (p) => void (p.lines = Array.from({ length: 1001 }, (_, i) => ({ ...line(p, 1), lineId: String(i) }))),
    'lines',
    'too_big',
  ],
  ['6: offset required', (p) => void (p.occurredAt = '2026-11-22T10:15:30'), 'occurredAt', 'invalid_format'],
  ['6: not in the future', (p) => void (p.occurredAt = inFuture()), 'occurredAt', 'occurred_at_future'],
  [
    '6: not from a broken clock',
    (p) => void (p.occurredAt = '1970-01-01T00:00:00Z'),
    'occurredAt',
    'occurred_at_past',
  ],
  ['amounts: at most 12 digits', (p) => void (p.taxes[0]!.tax = 2 ** 53 - 1), 'taxes[0].tax', 'too_big'],
  [
    'card numbers refused',
    (p) => void (line(p, 1).name = 'Camicia 4111 1111 1111 1111'),
    'lines[1].name',
    'card_number',
  ],
  ['shape: currency', (p) => void (p.currency = 'euro'), 'currency', 'invalid_format'],
  ['shape: quantity decimals', (p) => void (line(p, 1).quantity = 1.0005), 'lines[1].quantity', 'custom'],
];

describe('every rule of the POS contract over HTTP', () => {
  it.each(cases)('rule %s: when broken, then 422 names it by path', async (_rule, breakIt, path, code) => {
    const payload = sale('RULES-1');
    breakIt(payload);
    const res = await service.post(payload, { key });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: {
        code: 'transaction.invalid',
        issues: expect.arrayContaining([expect.objectContaining({ path, code })]) as unknown,
      },
    });
  });

  it('when several rules are broken, then every one is named in one answer', async () => {
    const payload = sale('RULES-2');
    line(payload, 1).lineId = '1';
    payload.totals.taxTotal = 2000;
    payload.occurredAt = inFuture();
    const res = await service.post(payload, { key });
    const paths = (res.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (issue) => issue.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['lines[1].lineId', 'totals.taxTotal', 'occurredAt']));
  });

  it('when an amount is 2^53−1, then it is refused by the amount rule, never as a card number', async () => {
    const payload = sale('RULES-4');
    const big = 2 ** 53 - 1;
    payload.taxes[0]!.tax = big;
    payload.totals.taxTotal = big;
    const res = await service.post(payload, { key });
    const codes = (res.body as { error: { issues: { code: string }[] } }).error.issues.map((i) => i.code);
    expect(res.status).toBe(422);
    expect(codes).toContain('too_big');
    expect(codes).not.toContain('card_number');
  });

  it('when the body is not a transaction at all, or holds NUL or a lone surrogate, then 422 names it, never a 5xx', async () => {
    for (const body of [[], 'sale', 42, null, { type: 'refund' }]) {
      const res = await service.post(body, { key });
      expect(res.status).toBe(422);
    }
    const deep = `{"storeId":"MI-001","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const oddText = sale('RULES-3');
    line(oddText, 0).name = 'nul \u0000 and lone surrogate \ud800';
    oddText.cashierId = '\u0000';
    const refused = await service.post(oddText, { key });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'request.invalid_text' } });
    const refusedPaths = (refused.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (issue) => issue.path,
    );
    expect(refusedPaths).toEqual(expect.arrayContaining(['lines[0].name', 'cashierId']));
    expect(await service.post(null, { key, rawBody: deep })).toMatchObject({
      status: 422,
      body: { error: { issues: [{ path: `x${'[0]'.repeat(31)}`, code: 'too_deep' }] } },
    });
  });
});

describe('the occurredAt window of the service', () => {
  let strict: TestReceiptService;
  beforeAll(async () => {
    strict = await startTestReceiptService({ occurredAtMaxAgeDays: 1 });
  });
  afterAll(() => strict.close());

  it('when OCCURRED_AT_MAX_AGE_DAYS is 1, then a sale of an hour ago passes and one of last week is refused by path', async () => {
    const tillKey = await strict.terminal('MI-001', 'T03');
    const recent = { ...sale('WINDOW-1'), occurredAt: new Date(Date.now() - 3_600_000).toISOString() };
    expect((await strict.post(recent, { key: tillKey })).status).toBe(201);
    const old = { ...sale('WINDOW-2'), occurredAt: new Date(Date.now() - 7 * 86_400_000).toISOString() };
    const refused = await strict.post(old, { key: tillKey });
    expect(refused).toMatchObject({
      status: 422,
      body: { error: { issues: [{ path: 'occurredAt', code: 'occurred_at_past' }] } },
    });
  });
});
