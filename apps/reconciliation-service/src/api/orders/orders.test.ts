import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  TEST_SERVICE_TOKEN,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

let service: TestReconciliationService;
beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

const order = (orderId: string, customer: Record<string, string>) => ({
  tenantId: 'moda-rossi',
  shopId: 'web-it',
  orderId,
  channel: 'web',
  placedAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  total: 4990,
  customer,
  lines: [{ sku: 'SKU-1', quantity: 1, total: 4990 }],
});

describe('POST /v1/online-orders', () => {
  it('when a web order names an account, an e-mail and a phone, then it is accepted and linked into one profile', async () => {
    const answer = await service.postOrder(
      order('A-1', { accountId: 'cust-1', email: ' Ann@Example.com ', phone: '333 123 4567', country: 'IT' }),
    );
    expect(answer).toEqual({
      status: 202,
      body: { observationId: 'order:moda-rossi:web-it:A-1', status: 'accepted', ignored: [] },
    });
    const { profileId } = await service.waitLinked('order:moda-rossi:web-it:A-1');
    expect(profileId).toMatch(/^prf_/);
    const resolved = await service.trpc.profiles.resolve.query({
      tenantId: 'moda-rossi',
      type: 'email',
      value: 'ann@example.com',
    });
    expect(resolved).toEqual({ profileId });
    const view = await service.staff.profiles.get.query({ tenantId: 'moda-rossi', profileId: profileId! });
    expect(view.identifiers.map((i) => i.type).sort()).toEqual(['email', 'phone', 'webAccount']);
    expect(view.golden.email).toMatchObject({ masked: 'a•••@e•••.com', verified: true });
    expect(view.figures).toMatchObject({ online: { purchases: 1, spend: 4990 }, crossChannel: 'web only' });
  });

  it('when the same order is posted again, then it is a duplicate and nothing changes', async () => {
    const body = order('A-2', { email: 'bob@example.com' });
    expect((await service.postOrder(body)).body).toMatchObject({ status: 'accepted' });
    expect((await service.postOrder(body)).body).toMatchObject({ status: 'duplicate' });
  });

  it('when a phone cannot be read, then the order is still accepted and the phone reported as ignored', async () => {
    const answer = await service.postOrder(order('A-3', { phone: '12' }));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ ignored: [{ type: 'phone' }] });
  });

  it('when the body breaks the schema, then 422 lists every issue by path', async () => {
    const answer = await service.postOrder({ ...order('A-4', {}), channel: 'click_and_collect', total: 1.5 });
    expect(answer.status).toBe(422);
    const paths = (answer.body as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(['total']);
  });

  it('when a total is negative or a quantity has more than 3 decimals, then 422 names each, and nothing is recorded', async () => {
    const body = {
      ...order('A-8', { email: 'dora@example.com' }),
      total: -4990,
      lines: [{ sku: 'SKU-1', quantity: 0.3333, total: -4990 }],
    };
    const answer = await service.postOrder(body);
    expect(answer.status).toBe(422);
    const paths = (answer.body as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths.sort()).toEqual(['lines[0].quantity', 'lines[0].total', 'total']);
    const weighed = {
      ...order('A-8', { email: 'dora@example.com' }),
      lines: [{ sku: 'SKU-1', quantity: 0.535, total: 4990 }],
    };
    expect((await service.postOrder(weighed)).body).toMatchObject({ status: 'accepted' });
  });

  it('when no shop key is sent, or the service token instead, then 401', async () => {
    const none: Record<string, string> = {};
    for (const headers of [none, { authorization: `Bearer ${TEST_SERVICE_TOKEN}` }]) {
      const res = await fetch(`${service.url}/v1/online-orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(order('A-5', {})),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="scontrino-shop"');
    }
  });

  it("when a shop's key posts another brand's or another shop's order, then 403 naming both, before validation", async () => {
    const key = service.shopKey('moda-rossi', 'web-it');
    const other = await service.postOrder({ ...order('A-6', {}), tenantId: 'casa-verdi', total: 'x' }, key);
    expect(other).toMatchObject({
      status: 403,
      body: {
        error: {
          code: 'auth.wrong_shop',
          message: 'This key is for tenant moda-rossi; it cannot post for tenant casa-verdi',
        },
      },
    });
    const app = await service.postOrder({ ...order('A-7', {}), shopId: 'app-it' }, key);
    expect(app).toMatchObject({ status: 403, body: { error: { code: 'auth.wrong_shop' } } });
  });
});
