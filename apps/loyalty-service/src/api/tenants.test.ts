import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { refusalOf, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProgramConfig } from '@scontrino/contracts';
import { startTestLoyaltyService, type TestLoyaltyService } from '../test-support/loyalty-service.js';

let receipts: TestReceiptService;
let service: TestLoyaltyService;
let receiptsClosed = false;

beforeAll(async () => {
  const queuePrefix = uniqueName('tenants');
  receipts = await startTestReceiptService({ queuePrefix, tenants: ['moda-rossi'] });
  service = await startTestLoyaltyService({
    queuePrefix,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
    checkTenants: true,
  });
}, 60_000);
afterAll(async () => {
  await service?.close();
  if (!receiptsClosed) await receipts?.close();
});

const activate = (tenantId: string) =>
  service.staff.program.activate.mutate({
    tenantId,
    config: demoProgramConfig,
    author: 'test',
    note: 'tenants',
  });

describe('tenants in the loyalty service', () => {
  it('when a call names a tenant the receipt service does not know, then it is a 404 naming it, for staff, services and members alike', async () => {
    const error = await activate('moda-rosi').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      data: {
        httpStatus: 404,
        appCode: 'tenant.unknown',
        issues: [{ path: 'tenantId', code: 'tenant.unknown' }],
      },
    });
    expect((error as Error).message).toContain('moda-rosi');
    expect(
      await refusalOf(
        service.trpc.members.lookup.query({ tenantId: 'moda-rosi', cardNumber: '2700000000001' }),
      ),
    ).toEqual({
      status: 404,
      code: 'tenant.unknown',
    });
    expect(
      await refusalOf(
        service.app().auth.requestCode.mutate({ tenantId: 'moda-rosi', email: 'anna@example.test' }),
      ),
    ).toEqual({ status: 404, code: 'tenant.unknown' });
    // Nothing was written under it.
    expect(
      await service.database.collection('program_versions').countDocuments({ tenantId: 'moda-rosi' }),
    ).toBe(0);
  });

  it('when an administrator creates the tenant, then it works here at once', async () => {
    await refusalOf(activate('casa-nuova'));
    await receipts.trpc.tenants.create.mutate({ tenantId: 'casa-nuova', name: 'Casa Nuova' });
    expect(await activate('casa-nuova')).toMatchObject({ tenantId: 'casa-nuova' });
  });

  it('when the receipt service does not answer, then a tenant not in the cache is a 503, never a pass', async () => {
    expect(await activate('moda-rossi')).toMatchObject({ tenantId: 'moda-rossi' });
    await receipts.close();
    receiptsClosed = true;
    expect(await refusalOf(activate('altra-marca'))).toEqual({ status: 503, code: 'tenants.unavailable' });
  });
});
