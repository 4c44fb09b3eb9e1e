import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';

let service: TestReconciliationService;
beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
const order = (orderId: string, placedAt: string, email: string) => ({
  tenantId: 'moda-rossi',
  shopId: 'web-it',
  orderId,
  channel: 'web',
  placedAt,
  currency: 'EUR',
  total: 4990,
  customer: { email },
  lines: [{ sku: 'SKU-1', quantity: 1, total: 4990 }],
});

describe('observation retention', () => {
  it('forgets what was bought past the retention time, and keeps who was seen and the links', async () => {
    await service.postOrder(order('OLD-1', daysAgo(800), 'old.customer@example.com'));
    await service.postOrder(order('NEW-1', daysAgo(10), 'new.customer@example.com'));
    const old = await service.waitLinked('order:moda-rossi:web-it:OLD-1');
    await service.waitLinked('order:moda-rossi:web-it:NEW-1');

    const counts = await service.purgeExpired();
    expect(counts.observation_purchases).toBe(1);

    const observations = service.database.collection<{
      _id: string;
      purchase: unknown;
      identifiers: unknown[];
    }>('observations');
    const stripped = await observations.findOne({ _id: 'order:moda-rossi:web-it:OLD-1' });
    expect(stripped?.purchase).toBeNull();
    expect(stripped?.identifiers).toHaveLength(1);
    expect((await observations.findOne({ _id: 'order:moda-rossi:web-it:NEW-1' }))?.purchase).not.toBeNull();
    expect(
      await service.trpc.profiles.resolve.query({
        tenantId: 'moda-rossi',
        type: 'email',
        value: 'old.customer@example.com',
      }),
    ).toEqual({ profileId: old.profileId });
    // A second run finds nothing more to forget.
    expect((await service.purgeExpired()).observation_purchases).toBe(0);
  });
});
