import { describe, expect, it } from 'vitest';
import { startTestLoyaltyService } from './test-support/loyalty-service.js';

describe('loyalty service', () => {
  it('when started on the real database and Redis, then it is ready and answers typed tRPC calls from services', async () => {
    const service = await startTestLoyaltyService();
    try {
      expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
      expect(await service.trpc.system.status.query()).toMatchObject({
        service: 'loyalty-service',
        dependencies: { database: 'up', redis: 'up' },
      });
      expect(await service.staff.program.current.query({ tenantId: 'moda-rossi' })).toMatchObject({
        version: 1,
      });
    } finally {
      await service.close();
    }
  });
});
