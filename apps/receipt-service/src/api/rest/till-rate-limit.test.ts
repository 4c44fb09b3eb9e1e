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
});
