import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemsOf } from './answer-check.js';
import { type FuzzCase, inputSchemaOf, namesPath, toPointer } from './endpoints.js';
import { mutationOf, POLLUTION_MARK, toJson } from './mutations.js';
import { validValue } from './valid-values.js';

/** A sale-like input with what the services' inputs use: bounds, patterns, formats, unions, records. */
const sale = z.object({
  tenantId: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
  email: z.email().optional(),
  at: z.iso.datetime(),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(40),
        quantity: z.int().min(1).max(999),
        total: z.int().nonnegative(),
        variant: z.record(z.string().max(20), z.string().max(40)).optional(),
      }),
    )
    .min(1)
    .max(50),
  payment: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('card'), last4: z.string().regex(/^\d{4}$/) }),
    z.object({ kind: z.literal('cash') }),
  ]),
  channel: z.enum(['store', 'web']),
  note: z.string().max(200).nullable().optional(),
  limits: z.partialRecord(z.enum(['perDay', 'perHour']), z.int().min(0)).optional(),
});
const schema = inputSchemaOf({ path: 'sales.record', type: 'mutation', inputs: [sale] })!;
const issuePaths = (input: unknown) =>
  (sale.safeParse(input).error?.issues ?? []).map((issue) =>
    toPointer(issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))),
  );

const caseOf = (overrides: Partial<FuzzCase> = {}): FuzzCase => ({
  kind: 'test',
  request: { method: 'POST', target: '/x', headers: {} },
  mustRefuse: false,
  names: null,
  offending: null,
  ...overrides,
});
const json = (status: number, body: unknown) => ({
  status,
  contentType: 'application/json',
  text: JSON.stringify(body),
});

describe('the fuzz generator', () => {
  it('generates values a zod schema accepts from its JSON Schema', () => {
    fc.assert(
      fc.property(validValue(schema, { root: schema }), (value) => {
        expect(sale.safeParse(value).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('breaks a valid value so that zod refuses it at the path the mutation names', () => {
    const mutated = validValue(schema, { root: schema }).chain((value) => mutationOf(value, schema, schema));
    let refused = 0;
    fc.assert(
      fc.property(mutated, (mutation) => {
        if (mutation.offending === null) return;
        // The mutation's value as the service reads it: through JSON (deep nesting written out).
        const input: unknown = JSON.parse(toJson(mutation.value));
        const paths = issuePaths(input);
        // Refused characters are the services' own rule (before zod), checked in their fuzz tests.
        if (mutation.kind === 'refused character') return;
        refused++;
        const names = namesPath(mutation.offending.path, mutation.offending.namedFrom);
        expect(
          paths.some(names),
          `${mutation.kind} at ${toPointer(mutation.offending.path)}: ${paths.join(', ')}`,
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('uses known values for fields of that name', () => {
    const values = fc.sample(validValue(schema, { root: schema, known: { tenantId: ['moda-rossi'] } }), 50);
    expect(
      values.filter((value) => (value as { tenantId: string }).tenantId === 'moda-rossi').length,
    ).toBeGreaterThan(20);
  });

  it('writes paths as the services do', () => {
    expect(toPointer([])).toBe('(root)');
    expect(toPointer(['lines', 1, 'total'])).toBe('lines[1].total');
    expect(toPointer(['variant', 'tà'])).toBe('variant["tà"]');
    const names = namesPath(['lines', 0, 'sku'], ['lines']);
    expect(['lines', 'lines[0]', 'lines[0].sku'].every(names)).toBe(true);
    expect(['(root)', 'tenantId', 'lines[1].sku', 'lines[0].total'].some(names)).toBe(false);
  });
});

describe('the fuzz check of an answer', () => {
  it('refuses a 5xx, a stack trace, a server path and a polluted Object.prototype', () => {
    expect(problemsOf(caseOf(), json(500, { error: { message: 'Internal error' } }))).toHaveLength(1);
    const stack = 'Error: boom\n    at handler (/work/app/src/api/x.ts:10:5)';
    expect(
      problemsOf(caseOf(), { status: 400, contentType: 'text/html', text: stack }).length,
    ).toBeGreaterThanOrEqual(2);
    (Object.prototype as Record<string, unknown>)[POLLUTION_MARK] = true;
    expect(problemsOf(caseOf(), json(200, {}))).toEqual(['Object.prototype was polluted']);
    expect((Object.prototype as Record<string, unknown>)[POLLUTION_MARK]).toBeUndefined();
  });

  it('asks a refusal of a broken input to name its path, and a broken input not to be accepted', () => {
    const broken = caseOf({ mustRefuse: true, names: namesPath(['lines', 0], []), offending: 'lines[0]' });
    expect(problemsOf(broken, json(422, { error: { issues: [{ path: 'lines[0].sku' }] } }))).toEqual([]);
    expect(
      problemsOf(broken, json(400, { error: { data: { httpStatus: 400, issues: [{ path: 'lines' }] } } })),
    ).toEqual([]);
    expect(problemsOf(broken, json(422, { error: { issues: [{ path: 'tenantId' }] } }))).toHaveLength(1);
    expect(problemsOf(broken, json(422, { error: { issues: [] } }))).toHaveLength(1);
    expect(problemsOf(broken, json(201, { ok: true }))).toEqual(['accepted an input broken at lines[0]']);
    // A batch: the broken call's answer is the second one.
    const batch = { ...broken, batchIndex: 1 };
    const answers = [
      { result: { data: 1 } },
      { error: { data: { httpStatus: 400, issues: [{ path: 'x' }] } } },
    ];
    expect(problemsOf(batch, json(207, answers))).toHaveLength(1);
  });

  it('asks a refusal of an input of fields to name one of them', () => {
    const fields = caseOf({ fields: true });
    expect(problemsOf(fields, json(422, { error: { issues: [{ path: 'points' }] } }))).toEqual([]);
    expect(problemsOf(fields, json(404, { error: { issues: [] } }))).toEqual([]);
    expect(problemsOf(fields, json(422, { error: { issues: [{ path: '(root)' }] } }))).toHaveLength(1);
    expect(problemsOf(fields, json(400, { error: { data: { httpStatus: 400, issues: [] } } }))).toHaveLength(
      1,
    );
  });
});
