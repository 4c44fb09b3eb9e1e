import { Writable } from 'node:stream';
import { examplePosSale } from '@scontrino/contracts';
import { startTestReceiptService, type TestReceiptService } from '@scontrino/receipt-service/testing';
import { uniqueName } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, testClock } from './test-support/eventually.js';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from './test-support/loyalty-service.js';

const clock = testClock('2026-11-22T09:20:00Z');
const lines: Record<string, unknown>[] = [];
const captured = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  }),
);
let receipts: TestReceiptService;
let loyalty: TestLoyaltyService;

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('observability');
  loyalty = await startTestLoyaltyService({ crypto, queuePrefix, clock: clock.now, logger: captured });
  receipts = await startTestReceiptService({ crypto, queuePrefix, clock: clock.now });
  await loyalty.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email: `${uniqueName('mario')}@example.test`,
    cardNumbers: [examplePosSale().customer?.loyaltyCardNumber ?? ''],
    marketingConsent: { granted: false, source: 'till' },
  });
});

afterAll(async () => {
  await receipts?.close();
  await loyalty?.close();
});

async function postSale(requestId: string): Promise<number> {
  const key = await receipts.terminal('MI-001', 'T03');
  const res = await fetch(`${receipts.url}/v1/transactions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${key}`,
      'idempotency-key': uniqueName('idem'),
      'x-request-id': requestId,
    },
    body: JSON.stringify(examplePosSale()),
  });
  return res.status;
}

async function scrape(): Promise<string> {
  const response = await fetch(`${loyalty.url}/metrics`, {
    headers: { authorization: `Bearer ${loyalty.metricsToken}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('one id follows a sale across services', () => {
  it('when a till posts a sale with X-Request-Id abc, then the loyalty service logs its event handling with correlationId abc, and /metrics counts the points', async () => {
    const before = await scrape();
    expect(before).not.toMatch(/loyalty_points_total\{direction="credited",kind="earn"\}/);

    expect(await postSale('abc')).toBe(201);

    await eventually(
      () =>
        Promise.resolve(
          lines.some(
            (line) =>
              line.consumer === 'loyalty-service' &&
              line.eventType === 'transaction.recorded' &&
              line.correlationId === 'abc',
          ) || undefined,
        ),
      'the consumer line with the correlation id',
    );
    const after = await scrape();
    // Jacket and two shirts: 156 + 76 points pending, in one earn entry.
    expect(after).toMatch(/^loyalty_points_total\{direction="credited",kind="earn"\} 232$/m);
    expect(after).toMatch(/^loyalty_ledger_entries_total\{kind="earn"\} 1$/m);
  });
});
