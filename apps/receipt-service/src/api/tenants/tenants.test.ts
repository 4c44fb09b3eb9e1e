import { refusalOf, staffToken, testDatabaseUri } from '@scontrino/testing';
import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sale } from '../../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  storeProfile,
  type TestReceiptService,
} from '../../test-support/receipt-service.js';

let service: TestReceiptService;

beforeAll(async () => {
  const uri = new URL(testDatabaseUri('tenants'));
  uri.searchParams.set('monitorCommands', 'true');
  service = await startTestReceiptService({ databaseUri: uri.toString(), tenants: ['moda-rossi'] });
}, 60_000);
afterAll(() => service.close());

/** The database commands on `collection` while `run` runs. */
async function commandsOn(collection: string, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const client = service.database.getClient();
  const started = (event: mongo.CommandStartedEvent) => {
    if (event.databaseName === service.database.name && event.command[event.commandName] === collection)
      count += 1;
  };
  client.on('commandStarted', started);
  try {
    await run();
  } finally {
    client.off('commandStarted', started);
  }
  return count;
}

describe('tenants', () => {
  it('when a call names a tenant nobody created, then it is a 404 naming it and nothing is written under it', async () => {
    const error = await service.trpc.stores.upsert
      .mutate(storeProfile({ storeId: 'XX-001', tenantId: 'moda-rosi' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      data: {
        httpStatus: 404,
        appCode: 'tenant.unknown',
        issues: [{ path: 'tenantId', code: 'tenant.unknown', message: 'no tenant moda-rosi' }],
      },
    });
    expect((error as Error).message).toContain('moda-rosi');
    expect(await service.store.stores.get('XX-001')).toBeNull();
    // Reads too, and for every caller kind that may name one.
    expect(
      await refusalOf(
        service.trpc.kpis.salesDaily.query({ tenantId: 'moda-rosi', from: '2026-11-01', to: '2026-11-30' }),
      ),
    ).toEqual({ status: 404, code: 'tenant.unknown' });
  });

  it('when an administrator creates a tenant, then calls naming it work, the creation is audited, and a second one is a 409', async () => {
    const admin = service.trpcAs(await staffToken({ sub: 'ada@platform', roles: ['admin'], tenants: ['*'] }));
    const created = await admin.tenants.create.mutate({ tenantId: 'casa-verdi', name: 'Casa Verdi' });
    expect(created).toMatchObject({ tenantId: 'casa-verdi', name: 'Casa Verdi', createdBy: 'ada@platform' });
    await service.trpc.stores.upsert.mutate(storeProfile({ storeId: 'CV-001', tenantId: 'casa-verdi' }));
    expect(await service.store.stores.get('CV-001')).toMatchObject({ tenantId: 'casa-verdi' });

    expect(await refusalOf(admin.tenants.create.mutate({ tenantId: 'casa-verdi', name: 'Again' }))).toEqual({
      status: 409,
      code: 'tenant.exists',
    });
    expect((await admin.tenants.list.query()).tenants.map((tenant) => tenant.tenantId)).toEqual([
      'casa-verdi',
      'moda-rossi',
    ]);
    const { entries } = await service.trpc.audit.search.query({ tenantId: 'casa-verdi', limit: 10 });
    const creations = entries.filter((entry) => entry.action === 'tenants.create');
    expect(
      creations.map((entry) => [
        entry.actor.subject,
        entry.kind,
        entry.tenantId,
        entry.outcome,
        entry.errorCode,
      ]),
    ).toEqual([
      ['ada@platform', 'change', 'casa-verdi', 'failed', 'tenant.exists'],
      ['ada@platform', 'change', 'casa-verdi', 'ok', null],
    ]);
  });

  it('is created by administrators only, of their own brands, never by a service or a bad id', async () => {
    const manager = service.trpcAs(
      await staffToken({
        sub: 'giulia@moda-rossi',
        roles: ['store_manager'],
        tenants: ['moda-rossi'],
        stores: ['MI-001'],
      }),
    );
    expect(
      await refusalOf(manager.tenants.create.mutate({ tenantId: 'nuova', name: 'Nuova' })),
    ).toMatchObject({
      status: 403,
    });
    const brandAdmin = service.trpcAs(
      await staffToken({ sub: 'ugo@moda-rossi', roles: ['admin'], tenants: ['moda-rossi'] }),
    );
    expect(await refusalOf(brandAdmin.tenants.create.mutate({ tenantId: 'nuova', name: 'Nuova' }))).toEqual({
      status: 403,
      code: 'auth.out_of_scope',
    });
    expect((await brandAdmin.tenants.list.query()).tenants.map((tenant) => tenant.tenantId)).toEqual([
      'moda-rossi',
    ]);
    expect(
      await refusalOf(service.serviceTrpc.tenants.create.mutate({ tenantId: 'nuova', name: 'Nuova' })),
    ).toEqual({
      status: 401,
      code: 'auth.staff_token_required',
    });
    const bad = await service.trpc.tenants.create
      .mutate({ tenantId: 'Nuova Marca', name: '' })
      .catch((caught: unknown) => caught);
    expect(bad).toMatchObject({ data: { httpStatus: 400 } });
    expect(JSON.stringify(bad)).toContain('tenantId');
    expect(JSON.stringify(bad)).toContain('name');
  });

  it('answers other services whether a tenant exists (service token only)', async () => {
    expect(await service.serviceTrpc.tenants.record.query({ id: 'moda-rossi' })).toEqual({
      _id: 'moda-rossi',
      name: 'moda-rossi',
    });
    expect(await service.serviceTrpc.tenants.record.query({ id: 'moda-rosi' })).toBeNull();
    expect(await refusalOf(service.trpc.tenants.record.query({ id: 'moda-rossi' }))).toMatchObject({
      status: 401,
    });
  });

  it('once warm, costs no database command per call that names a tenant, nor per sale', async () => {
    const key = await service.terminal('MI-001', 'T01');
    const range = { tenantId: 'moda-rossi', from: '2026-11-01', to: '2026-11-30' };
    await service.trpc.kpis.salesDaily.query(range);
    const reads = await commandsOn('tenants', async () => {
      for (let i = 0; i < 5; i += 1) await service.trpc.kpis.salesDaily.query(range);
      for (let i = 0; i < 5; i += 1) {
        const res = await service.post(sale(`TN-${i}-${Date.now()}`, 'MI-001', 'T01'), { key });
        expect(res.status).toBe(201);
      }
    });
    expect(reads).toBe(0);
  });
});
