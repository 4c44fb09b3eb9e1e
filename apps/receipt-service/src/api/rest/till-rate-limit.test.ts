import { uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

let service: TestReceiptService;
beforeAll(async () => {
  service = await startTestReceiptService({ tillRateLimit: { windowMs: 60_000, limit: 3 } });
});
afterAll(() => service?.close());

describe('the rate limit per till', () => {
  it('when one till posts more than its limit, then it gets 429s naming the limit, while another till goes on', async () => {
    const busy = await service.terminal('MI-001', 'T03');
    const other = await service.terminal('MI-001', 'T04');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await service.post(sale(uniqueName('T')), { key: busy })).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await service.post(sale(uniqueName('T')), { key: busy });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'request.rate_limited' } } });
    expect((await service.post(sale(uniqueName('T'), 'MI-001', 'T04'), { key: other })).status).toBe(201);
    // A wrong key is refused before it is counted: it cannot use up a till's allowance.
    expect((await service.post(sale(uniqueName('T')), { key: 'sk_term_nobody_x' })).status).toBe(401);
  });

  it('when a till posts over tRPC too, then its calls there draw on the same budget, each call of a batch counted', async () => {
    const key = await service.terminal('MI-001', 'T05');
    const record = (transactionId: string) => ({
      terminalKey: key,
      idempotencyKey: transactionId,
      transaction: sale(transactionId, 'MI-001', 'T05'),
    });
    expect((await service.post(sale(uniqueName('T'), 'MI-001', 'T05'), { key })).status).toBe(201);
    const post = (path: string, body: unknown) =>
      fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (res) => (await res.json()) as unknown);
    const codes = (answer: unknown) =>
      (Array.isArray(answer) ? answer : [answer]).map(
        (call: { result?: unknown; error?: { data?: { code?: string } } }) =>
          call.result ? 'ok' : call.error?.data?.code,
      );
    // Two left: a batch of three (one path spelt oddly) gets two through and one refused.
    const batch = await post('/trpc/x/transactions.record,transactions.record,transactions.record?batch=1', {
      '0': record(uniqueName('T')),
      '1': record(uniqueName('T')),
      '2': record(uniqueName('T')),
    });
    expect(codes(batch).sort()).toEqual(['TOO_MANY_REQUESTS', 'ok', 'ok']);
    // And REST sees the budget spent.
    expect((await service.post(sale(uniqueName('T'), 'MI-001', 'T05'), { key })).status).toBe(429);
  });
});
