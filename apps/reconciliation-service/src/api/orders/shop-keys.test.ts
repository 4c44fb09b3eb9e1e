import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN as RECEIPT_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { refusalOf, staffToken, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

let receipts: TestReceiptService;
let service: TestReconciliationService;

beforeAll(async () => {
  const queuePrefix = uniqueName('shop-keys');
  receipts = await startTestReceiptService({ queuePrefix, tenants: ['moda-rossi', 'casa-verdi'] });
  service = await startTestReconciliationService({
    queuePrefix,
    receiptService: { url: receipts.url, serviceToken: RECEIPT_SERVICE_TOKEN },
    checkTenants: true,
  });
}, 60_000);
afterAll(async () => {
  await service?.close();
  await receipts?.close();
});

const order = (orderId: string, tenantId = 'moda-rossi') => ({
  tenantId,
  shopId: 'web-it',
  orderId,
  channel: 'web',
  placedAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  total: 4990,
  customer: { email: `${orderId.toLowerCase()}@example.test` },
  lines: [{ sku: 'SKU-1', quantity: 1, total: 4990 }],
});

describe("web shops' own keys on POST /v1/online-orders", () => {
  it('when an administrator issues a key for a shop, then the shop posts with it, for its brand only, until the key is revoked', async () => {
    const admin = receipts.trpcAs(
      await staffToken({ sub: 'ada@moda-rossi', roles: ['admin'], tenants: ['moda-rossi'] }),
    );
    const issued = await admin.shops.issueKey.mutate({ tenantId: 'moda-rossi', shopId: 'web-it' });
    expect(issued.key).toMatch(/^sk_shop_[a-z2-7]{16}_[a-z2-7]{52}$/);

    expect(await service.postOrder(order('K-1'), issued.key)).toMatchObject({
      status: 202,
      body: { observationId: 'order:moda-rossi:web-it:K-1', status: 'accepted' },
    });
    expect(await service.postOrder(order('K-2', 'casa-verdi'), issued.key)).toMatchObject({
      status: 403,
      body: { error: { code: 'auth.wrong_shop' } },
    });

    const listed = await admin.shops.listKeys.query({ tenantId: 'moda-rossi' });
    expect(listed.keys).toEqual([
      expect.objectContaining({
        keyId: issued.keyId,
        shopId: 'web-it',
        createdBy: 'ada@moda-rossi',
        revokedAt: null,
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(issued.key.slice(-52));

    // The key was verified and is cached here: the revocation's announcement stops it at once.
    await admin.shops.revokeKey.mutate({ keyId: issued.keyId });
    expect(await service.postOrder(order('K-3'), issued.key)).toMatchObject({
      status: 401,
      body: { error: { code: 'auth.invalid_key' } },
    });
    const { entries } = await receipts.trpc.audit.search.query({ tenantId: 'moda-rossi', limit: 20 });
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['shops.issueKey', 'shops.revokeKey']),
    );
  });

  it('is issued by an administrator of the brand only, never for an unknown brand', async () => {
    const otherAdmin = receipts.trpcAs(
      await staffToken({ sub: 'eva@casa-verdi', roles: ['admin'], tenants: ['casa-verdi'] }),
    );
    expect(
      await refusalOf(otherAdmin.shops.issueKey.mutate({ tenantId: 'moda-rossi', shopId: 'web-it' })),
    ).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
    const support = receipts.trpcAs(
      await staffToken({ sub: 'marco@support', roles: ['support'], tenants: ['moda-rossi'] }),
    );
    expect(
      await refusalOf(support.shops.issueKey.mutate({ tenantId: 'moda-rossi', shopId: 'web-it' })),
    ).toMatchObject({
      status: 403,
      code: 'auth.forbidden',
    });
    expect(
      await refusalOf(
        receipts.serviceTrpc.shops.issueKey.mutate({ tenantId: 'moda-rossi', shopId: 'web-it' }),
      ),
    ).toMatchObject({
      status: 401,
    });
    expect(
      await refusalOf(receipts.trpc.shops.issueKey.mutate({ tenantId: 'moda-rosi', shopId: 'web-it' })),
    ).toEqual({
      status: 404,
      code: 'tenant.unknown',
    });
  });

  it('checks the tenant of every call here too: an unknown one is a 404 naming it', async () => {
    const error = await service.staff.profiles.list
      .query({ tenantId: 'moda-rosi', limit: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ data: { httpStatus: 404, appCode: 'tenant.unknown' } });
    expect((error as Error).message).toContain('moda-rosi');
    expect(
      (await service.staff.profiles.list.query({ tenantId: 'moda-rossi', limit: 10 })).profiles,
    ).toBeDefined();
  });
});
