import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docReturn, docSale, parsedDocSale } from './test-fixtures.js';
import { MAX_LINES, posTransactionSchema } from './transaction-schema.js';

function shapeErrors(payload: unknown): string[] {
  const result = posTransactionSchema.safeParse(payload);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

function withLine(changes: Record<string, unknown>): unknown {
  const sale = docSale();
  return { ...sale, lines: [{ ...sale.lines[0], ...changes }, sale.lines[1]] };
}

describe('posTransactionSchema', () => {
  it('parses the sale of the design document, its e-mail in the normal form', () => {
    expect(posTransactionSchema.parse(docSale())).toEqual(parsedDocSale());
  });

  it('tidies contact fields before checking them: spaces around, decomposed Unicode, capitals', () => {
    const sale = docSale();
    const parsed = posTransactionSchema.parse({
      ...sale,
      customer: {
        ...sale.customer,
        email: '  Mario.Rossi@Example.COM\t',
        phone: ' +39 333 123 4567\n',
        loyaltyCardNumber: ' 2900000012345 ',
      },
    });
    expect(parsed.customer).toMatchObject({
      email: 'mario.rossi@example.com',
      phone: '+39 333 123 4567',
      loyaltyCardNumber: '2900000012345',
    });
    const stillWrong = { ...sale, customer: { ...sale.customer, email: ' mario rossi@example.com ' } };
    expect(shapeErrors(stillWrong)).toEqual(['customer.email']);
  });

  it('parses a return', () => {
    expect(posTransactionSchema.parse(docReturn())).toEqual(docReturn());
  });

  it('strips unknown keys at every level, so that newer terminals keep working', () => {
    const sale = docSale();
    const parsed = posTransactionSchema.parse({
      ...sale,
      giftWrap: true,
      lines: sale.lines.map((line) => ({ ...line, ecoTax: 10 })),
    });
    expect(parsed).toEqual(parsedDocSale());
  });

  it('when a sale names an original transaction or line, then both are refused', () => {
    expect(
      shapeErrors({ ...(withLine({ originalLineId: '1' }) as object), originalTransactionId: 'X' }),
    ).toEqual(['originalTransactionId', 'lines.0.originalLineId']);
  });

  it('when a return does not name its original transaction and lines, then each is reported', () => {
    const { originalTransactionId: _original, ...rest } = docReturn();
    const lines = rest.lines.map(({ originalLineId: _line, ...line }) => line);
    expect(shapeErrors({ ...rest, lines })).toEqual(['originalTransactionId', 'lines.0.originalLineId']);
  });

  it('when the type is neither sale nor return, then the type is reported', () => {
    expect(shapeErrors({ ...docSale(), type: 'refund' })).toEqual(['type']);
  });

  it('accepts quantities with up to 3 decimals within bounds', () => {
    expect(shapeErrors(withLine({ quantity: 0.535, total: 4810 }))).toEqual([]);
    for (const quantity of [0.5351, 0, -1, 100_001, '1']) {
      expect(shapeErrors(withLine({ quantity }))).toEqual(['lines.0.quantity']);
    }
  });

  it('accepts tax rates as decimal percentage strings only', () => {
    for (const taxRate of ['22', '5.5', '0', '10.125', '100'])
      expect(shapeErrors(withLine({ taxRate }))).toEqual([]);
    for (const taxRate of ['22%', '5,5', 22, '101', '05', '-1', '5.']) {
      expect(shapeErrors(withLine({ taxRate }))).toEqual(['lines.0.taxRate']);
    }
  });

  it('requires exactly 4 digits in last4', () => {
    const withLast4 = (last4: string) => ({
      ...docSale(),
      payments: [{ method: 'card', amount: 15491, last4 }],
    });
    expect(shapeErrors(withLast4('4242'))).toEqual([]);
    for (const last4 of ['424', '42424', 'abcd'])
      expect(shapeErrors(withLast4(last4))).toEqual(['payments.0.last4']);
  });

  it('checks the customer fields', () => {
    const withCustomer = (customer: object) => ({ ...docSale(), customer });
    expect(shapeErrors(withCustomer({}))).toEqual([]);
    expect(shapeErrors(withCustomer({ email: 'not-an-email' }))).toEqual(['customer.email']);
    expect(shapeErrors(withCustomer({ phone: 'call me' }))).toEqual(['customer.phone']);
    expect(shapeErrors(withCustomer({ receiptDelivery: ['email', 'fax'] }))).toEqual([
      'customer.receiptDelivery.1',
    ]);
  });

  it('requires a BCP 47 locale, an ISO 8601 time with offset and an ISO 4217 currency', () => {
    expect(
      shapeErrors({ ...docSale(), locale: 'ja-JP', currency: 'JPY', occurredAt: '2026-11-22T09:15:30Z' }),
    ).toEqual([]);
    expect(
      shapeErrors({ ...docSale(), locale: 'it_IT', currency: 'eur', occurredAt: '2026-11-22T10:15:30' }),
    ).toEqual(['occurredAt', 'currency', 'locale']);
  });

  it('bounds the number of lines and the length of strings', () => {
    const sale = docSale();
    const line = sale.lines[1];
    const manyLines = Array.from({ length: MAX_LINES + 1 }, (_, index) => ({
      ...line,
      lineId: String(index),
    }));
    expect(shapeErrors({ ...sale, lines: [] })).toEqual(['lines']);
    expect(shapeErrors({ ...sale, lines: manyLines })).toEqual(['lines']);
    expect(shapeErrors({ ...sale, transactionId: 'x'.repeat(65) })).toEqual(['transactionId']);
    expect(shapeErrors(withLine({ name: 'x'.repeat(201) }))).toEqual(['lines.0.name']);
  });

  it('converts to JSON Schema, for the OpenAPI document', () => {
    const schema = z.toJSONSchema(posTransactionSchema, { io: 'input' });
    expect(schema.oneOf).toHaveLength(2);
  });
});
