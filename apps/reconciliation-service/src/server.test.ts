import { expect, it } from 'vitest';
import { startTestReconciliationService } from './test-support/reconciliation-service.js';

it('when started on the real database and Redis, then it is ready and answers typed tRPC calls from services', async () => {
  const service = await startTestReconciliationService();
  try {
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    const status = await service.trpc.system.status.query();
    expect(status).toMatchObject({
      service: 'reconciliation-service',
      dependencies: { database: 'up', redis: 'up' },
    });
  } finally {
    await service.close();
  }
});
