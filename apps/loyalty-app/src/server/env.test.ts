import { describe, expect, it } from 'vitest';
import { asProduction, readLoyaltyAppEnv } from './env.js';

describe('readLoyaltyAppEnv', () => {
  it('when nothing is set, then the app listens on 4010 in front of the local loyalty service, for the demo retailer', () => {
    expect(readLoyaltyAppEnv({})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      loyaltyUrl: 'http://localhost:4002',
      tenantId: 'moda-rossi',
    });
  });

  it('when the launcher sets the port and the loyalty URL, then they are used', () => {
    expect(
      readLoyaltyAppEnv({
        PORT: '4100',
        LOYALTY_SERVICE_URL: 'http://127.0.0.1:4802',
        VITE_TENANT_ID: 'altra',
      }),
    ).toMatchObject({ port: 4100, loyaltyUrl: 'http://127.0.0.1:4802', tenantId: 'altra' });
  });

  it('when a value is wrong, then starting fails with the variable named', () => {
    expect(() => readLoyaltyAppEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readLoyaltyAppEnv({ LOYALTY_SERVICE_URL: 'localhost:4002' })).toThrow(/LOYALTY_SERVICE_URL/);
    expect(() => readLoyaltyAppEnv({ VITE_TENANT_ID: 'a b' })).toThrow(/VITE_TENANT_ID/);
  });
});

describe('asProduction', () => {
  it('when a build runs, then it sees NODE_ENV=production, and the previous value is back afterwards', async () => {
    const before = process.env.NODE_ENV;
    expect(await asProduction(() => Promise.resolve(process.env.NODE_ENV))).toBe('production');
    expect(process.env.NODE_ENV).toBe(before);
    await expect(asProduction(() => Promise.reject(new Error('build failed')))).rejects.toThrow(
      'build failed',
    );
    expect(process.env.NODE_ENV).toBe(before);
  });
});
