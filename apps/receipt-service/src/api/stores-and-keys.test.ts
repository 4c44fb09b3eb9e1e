import { staffToken } from '@scontrino/testing';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReceiptService,
  storeProfile,
  type TestReceiptService,
} from '../test-support/receipt-service.js';
import type { ReceiptRouter } from './router.js';

let service: TestReceiptService;
beforeAll(async () => {
  service = await startTestReceiptService();
});
afterAll(() => service.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(TRPCClientError);
      return (error as TRPCClientError<ReceiptRouter>).data as {
        httpStatus: number;
        appCode: string | null;
        issues: { path: string }[];
      };
    },
  );

describe('stores', () => {
  it('stores a profile and reads it back; an unknown store is NOT_FOUND', async () => {
    const profile = storeProfile({ storeId: 'TO-001', name: 'Moda Rossi Torino' });
    expect(await service.trpc.stores.upsert.mutate(profile)).toEqual(profile);
    expect(await service.trpc.stores.get.query({ storeId: 'TO-001' })).toEqual(profile);
    expect(await service.trpc.stores.upsert.mutate({ ...profile, name: 'Torino Centro' })).toMatchObject({
      name: 'Torino Centro',
    });
    expect(await failure(service.trpc.stores.get.query({ storeId: 'XX-000' }))).toMatchObject({
      httpStatus: 404,
    });
  });

  it('when a store would move to another tenant, then 409; an invalid profile is 400 by path', async () => {
    await service.trpc.stores.upsert.mutate(storeProfile({ storeId: 'TO-002' }));
    expect(
      await failure(
        service.trpc.stores.upsert.mutate(storeProfile({ storeId: 'TO-002', tenantId: 'other' })),
      ),
    ).toMatchObject({
      httpStatus: 409,
      appCode: 'store.tenant_change',
    });
    const invalid = await failure(
      service.trpc.stores.upsert.mutate(storeProfile({ timeZone: 'Mars/Olympus' })),
    );
    expect(invalid.httpStatus).toBe(400);
    expect(invalid.issues).toContainEqual(expect.objectContaining({ path: 'timeZone' }));
  });
});

describe("stores.timeZones (a customer timeline at its stores' times)", () => {
  it("when a CRM analyst asks, then she gets the zones of her brand's stores named, never another brand's or an unknown store's", async () => {
    await service.trpc.stores.upsert.mutate(storeProfile({ storeId: 'LI-001', timeZone: 'Europe/Lisbon' }));
    await service.trpc.stores.upsert.mutate(storeProfile({ storeId: 'BE-001', tenantId: 'casa-verdi' }));
    const analyst = service.trpcAs(
      await staffToken({ sub: 'carla@crm', roles: ['crm_analyst'], tenants: ['moda-rossi'] }),
    );
    expect(
      await analyst.stores.timeZones.query({
        tenantId: 'moda-rossi',
        storeIds: ['LI-001', 'BE-001', 'XX-404', 'LI-001'],
      }),
    ).toEqual({ 'LI-001': 'Europe/Lisbon' });
    // She still cannot read the stores' profiles, nor another brand's zones.
    expect(await failure(analyst.stores.get.query({ storeId: 'LI-001' }))).toMatchObject({ httpStatus: 403 });
    expect(
      await failure(analyst.stores.timeZones.query({ tenantId: 'casa-verdi', storeIds: ['BE-001'] })),
    ).toMatchObject({ httpStatus: 403, appCode: 'auth.out_of_scope' });
  });
});

describe('terminal keys', () => {
  it('when the store is not configured, then no key is issued (404); revoking an unknown key is 404', async () => {
    expect(
      await failure(service.trpc.terminals.issueKey.mutate({ storeId: 'XX-000', terminalId: 'T01' })),
    ).toMatchObject({
      httpStatus: 404,
      appCode: 'store.not_found',
    });
    expect(await failure(service.trpc.terminals.revokeKey.mutate({ keyId: 'nope' }))).toMatchObject({
      httpStatus: 404,
    });
  });

  it('issues a key only its hash of which is stored; revoking twice keeps the first date', async () => {
    const key = await service.terminal('TO-003', 'T01');
    const keyId = key.split('_')[2] ?? '';
    const stored = await service.database.collection('terminal_keys').findOne({ _id: keyId as never });
    expect(stored).toMatchObject({ storeId: 'TO-003', terminalId: 'T01', revokedAt: null });
    expect(JSON.stringify(stored)).not.toContain(key.split('_')[3]);
    const first = await service.trpc.terminals.revokeKey.mutate({ keyId });
    expect(await service.trpc.terminals.revokeKey.mutate({ keyId })).toEqual(first);
  });

  it('when the caller has no service token, then stores and keys are refused (401)', async () => {
    const anonymous = createTRPCClient<ReceiptRouter>({ links: [httpLink({ url: `${service.url}/trpc` })] });
    expect(
      await failure(anonymous.terminals.issueKey.mutate({ storeId: 'MI-001', terminalId: 'T01' })),
    ).toMatchObject({
      httpStatus: 401,
    });
    expect(await failure(anonymous.stores.upsert.mutate(storeProfile()))).toMatchObject({ httpStatus: 401 });
  });
});

describe('terminals.keyRecord (what other services verify terminal keys with)', () => {
  it('when another service asks with the service token, then it gets the key record with its hash, never the secret, and the revocation', async () => {
    const key = await service.terminal('KR-001', 'T01', 'casa-verdi');
    const [, , keyId, secret] = key.split('_');
    const record = await service.serviceTrpc.terminals.keyRecord.query({ keyId: keyId ?? '' });
    expect(record).toEqual({
      _id: keyId,
      storeId: 'KR-001',
      terminalId: 'T01',
      tenantId: 'casa-verdi',
      secretHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      revokedAt: null,
    });
    expect(JSON.stringify(record)).not.toContain(secret);
    await service.trpc.terminals.revokeKey.mutate({ keyId: keyId ?? '' });
    expect((await service.serviceTrpc.terminals.keyRecord.query({ keyId: keyId ?? '' }))?.revokedAt).toEqual(
      expect.any(String),
    );
    expect(await service.serviceTrpc.terminals.keyRecord.query({ keyId: 'aaaaaaaaaaaaaaaa' })).toBeNull();
  });

  it('when staff or a till asks, then it is refused: key records are for services only', async () => {
    const key = await service.terminal('KR-002', 'T01');
    const keyId = key.split('_')[2] ?? '';
    expect(await failure(service.trpc.terminals.keyRecord.query({ keyId }))).toMatchObject({
      httpStatus: 401,
    });
    expect(await failure(service.trpcAs(key).terminals.keyRecord.query({ keyId }))).toMatchObject({
      httpStatus: 401,
    });
  });
});
