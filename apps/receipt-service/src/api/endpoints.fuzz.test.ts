import { randomUUID } from 'node:crypto';
import { documentCounts, staffToken } from '@scontrino/testing';
import { fuzzEndpoints, fuzzTimeout } from '@scontrino/testing/fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousSale, sale } from '../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  TEST_PUBLIC_URL,
  TEST_RECEIPT_METRICS_TOKEN,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '../test-support/receipt-service.js';

// Every REST operation of the OpenAPI document (the till's API, the hosted pages, the claim form,
// the audit export) and every tRPC procedure, fuzzed from their schemas
// (docs/security.md#fuzzing-every-public-endpoint): no 5xx, no stack trace, each broken field named
// by its path, and a refused request stores nothing.

let service: TestReceiptService;
let key: string;
/** A receipt page token, a claim code and its form token that exist, so pages get past "not found". */
const existing = { token: '', code: '', form: '' };
beforeAll(async () => {
  service = await startTestReceiptService({
    claimRateLimit: { windowMs: 60_000, limit: 100_000 },
    tillRateLimit: { windowMs: 60_000, limit: 100_000 },
  });
  key = await service.terminal('MI-001', 'T03');
  const answer = await service.post(anonymousSale(`FZ-${randomUUID().slice(0, 8)}`), { key });
  const { receiptUrl, claimUrl } = answer.body as { receiptUrl: string; claimUrl: string };
  existing.token = receiptUrl.split('/').pop()!;
  existing.code = claimUrl.split('/').pop()!;
  const page = await (await fetch(claimUrl.replace(TEST_PUBLIC_URL, service.url))).text();
  existing.form = /name="form" value="([^"]+)"/.exec(page)?.[1] ?? '';
});
afterAll(() => service.close());

/** What requests write before they answer; deliveries and processed events come later and are left out. */
const written = [
  'transactions',
  'return_links',
  'receipt_claims',
  'email_preferences',
  'stores',
  'terminal_keys',
];
const newSale = () => sale(`FZ-${randomUUID().slice(0, 18)}`);

describe('every public endpoint of the receipt service', () => {
  it(
    'keeps its promises under inputs generated from its schemas',
    async () => {
      const admin = { authorization: `Bearer ${await staffToken()}` };
      const bearers: Record<string, string> = {
        terminalKey: key,
        serviceToken: TEST_SERVICE_TOKEN,
        metricsToken: TEST_RECEIPT_METRICS_TOKEN,
      };
      const report = await fuzzEndpoints({
        url: service.url,
        procedures: service.procedures,
        restCredentials: (schemes) => {
          const scheme = schemes.find((name) => bearers[name] !== undefined);
          return scheme ? { authorization: `Bearer ${bearers[scheme]}` } : admin;
        },
        trpcCredentials: (procedure) =>
          procedure.access.kind === 'service' ? { authorization: `Bearer ${TEST_SERVICE_TOKEN}` } : admin,
        known: {
          tenantId: ['moda-rossi'],
          storeId: ['MI-001'],
          terminalId: ['T03'],
          terminalKey: [key],
          token: [existing.token],
          code: [existing.code],
          form: [existing.form],
        },
        examples: {
          'POST /v1/transactions': newSale,
          'tRPC mutation transactions.record': () => ({
            terminalKey: key,
            idempotencyKey: randomUUID(),
            transaction: newSale(),
          }),
        },
        stored: () => documentCounts(service.database, written),
      });
      console.info(
        `fuzz: ${report.endpoints} endpoints, ${report.cases} cases (${report.runs} each, seed ${report.seed})`,
      );
      expect(report.failures).toEqual([]);
    },
    fuzzTimeout(),
  );
});
