import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDrained, readBacklog } from './backlog-client.js';

let service: TestReceiptService;
beforeAll(async () => {
  service = await startTestReceiptService();
});
afterAll(() => service.close());

describe('the simulator reads a service backlog with the service token', () => {
  it('when a job is delayed, then the service is not drained; once it is gone, it is', async () => {
    const probe = service.queues.queue('simulator-probe');
    const job = await probe.add({ n: 1 }, { delay: 60_000 });
    const busy = await readBacklog(service.url, TEST_SERVICE_TOKEN);
    expect(busy.service).toBe('receipt-service');
    expect(isDrained(busy)).toBe(false);
    await job.remove();
    const after = await readBacklog(service.url, TEST_SERVICE_TOKEN);
    expect(isDrained(after)).toBe(true);
  });
});
