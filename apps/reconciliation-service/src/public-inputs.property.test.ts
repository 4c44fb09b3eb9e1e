import { randomUUID } from 'node:crypto';
import { documentCounts, holdsRefusedText, oddText } from '@scontrino/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from './test-support/reconciliation-service.js';

// The web shop's orders (REST and tRPC) and the identify API fuzzed with NUL, lone surrogates,
// U+FFFF, the BOM and bidi overrides: never a 5xx, and a refused request stores no observation.

let service: TestReconciliationService;
beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

/** What a request stores before it answers; linking (identifiers, profiles) follows in the background. */
const written = ['observations'];
const RUNS = 15;

const order = (customer: Record<string, string>, overrides: Record<string, unknown> = {}) => ({
  tenantId: 'moda-rossi',
  shopId: 'web-it',
  orderId: `FZ-${randomUUID().slice(0, 12)}`,
  channel: 'web',
  placedAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  total: 4990,
  customer,
  lines: [{ sku: 'SKU-1', quantity: 1, total: 4990 }],
  ...overrides,
});

async function expectNothingStoredWhenRefused(text: string, send: () => Promise<number>) {
  const before = await documentCounts(service.database, written);
  const status = await send();
  expect(status).toBeLessThan(500);
  if (holdsRefusedText(text)) {
    expect(status).toBe(422);
    expect(await documentCounts(service.database, written)).toEqual(before);
  }
}

const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (error: { data?: { httpStatus?: number } }) => error.data?.httpStatus ?? 500,
  );

const fields = ['email', 'name', 'accountId', 'phone', 'orderId', 'sku'] as const;
const orderWith = (field: (typeof fields)[number], text: string) =>
  field === 'orderId'
    ? order({ email: 'ann@example.com' }, { orderId: text })
    : field === 'sku'
      ? order({ email: 'ann@example.com' }, { lines: [{ sku: text, quantity: 1, total: 4990 }] })
      : order({ [field]: text });

describe('reconciliation public inputs under odd text', () => {
  it('POST /v1/online-orders', async () => {
    await fc.assert(
      fc.asyncProperty(oddText(), fc.constantFrom(...fields), async (text, field) => {
        await expectNothingStoredWhenRefused(
          text,
          async () => (await service.postOrder(orderWith(field, text))).status,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('orders.record and observations.identify over tRPC', async () => {
    await fc.assert(
      fc.asyncProperty(oddText(), fc.constantFrom(...fields), async (text, field) => {
        await expectNothingStoredWhenRefused(text, () =>
          statusOf(service.trpc.orders.record.mutate(orderWith(field, text) as never)),
        );
        await expectNothingStoredWhenRefused(text, () =>
          statusOf(
            service.trpc.observations.identify.mutate({
              tenantId: 'moda-rossi',
              source: 'crm',
              sourceId: field === 'email' || field === 'name' ? randomUUID() : text,
              at: '2026-03-01T10:00:00Z',
              identifiers: [{ type: 'email', value: field === 'email' ? text : 'ann@example.com' }],
              ...(field === 'name' && { name: text }),
            }),
          ),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
