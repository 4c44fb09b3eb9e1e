import { AppError } from '@scontrino/errors';
import { describe, expect, it } from 'vitest';
import { newCallerKey } from './key-format.js';
import { readCache } from './read-cache.js';
import { verifyShopKey, type ShopKeyRecord } from './shop-keys.js';
import { tenantDirectory, type TenantRecord } from './tenants.js';

describe('tenantDirectory', () => {
  it('when a tenant is asked for many times, then it is read once; an unknown one is a 404 naming it and its field', async () => {
    const registry = new Map<string, TenantRecord>([
      ['moda-rossi', { _id: 'moda-rossi', name: 'Moda Rossi' }],
    ]);
    let reads = 0;
    const tenants = tenantDirectory(readCache({ name: 'tenant' }), (tenantId) => {
      reads += 1;
      return Promise.resolve(registry.get(tenantId) ?? null);
    });
    for (let i = 0; i < 3; i += 1)
      expect(await tenants.require('moda-rossi')).toMatchObject({ name: 'Moda Rossi' });
    expect(reads).toBe(1);

    const refused = await tenants.require('moda-rosi').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'tenant.unknown',
      kind: 'not_found',
      issues: [{ path: 'tenantId', code: 'tenant.unknown' }],
    });
    expect((refused as Error).message).toContain('moda-rosi');

    // Created a moment later: the miss was not kept.
    registry.set('moda-rosi', { _id: 'moda-rosi', name: 'Moda Rosi' });
    expect(await tenants.require('moda-rosi')).toMatchObject({ _id: 'moda-rosi' });
  });
});

describe('verifyShopKey', () => {
  it('lets through the key of a web shop, not a revoked one, a wrong secret or a terminal key', async () => {
    const issued = newCallerKey('shop');
    const record: ShopKeyRecord = {
      _id: issued.keyId,
      tenantId: 'moda-rossi',
      shopId: 'web-it',
      secretHash: issued.secretHash,
      revokedAt: null,
    };
    const cache = readCache<ShopKeyRecord>({ name: 'shop-key' });
    const load = (keyId: string) => Promise.resolve(keyId === record._id ? { ...record } : null);
    expect(await verifyShopKey(issued.key, cache, load)).toEqual({
      keyId: issued.keyId,
      tenantId: 'moda-rossi',
      shopId: 'web-it',
    });
    const last = issued.key.at(-1) === 'a' ? 'b' : 'a';
    expect(await verifyShopKey(`${issued.key.slice(0, -1)}${last}`, cache, load)).toBeNull();
    expect(await verifyShopKey(issued.key.replace('sk_shop_', 'sk_term_'), cache, load)).toBeNull();

    record.revokedAt = new Date();
    await cache.invalidate(issued.keyId);
    expect(await verifyShopKey(issued.key, cache, load)).toBeNull();
  });
});
