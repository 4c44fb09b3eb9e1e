import { randomBytes } from 'node:crypto';
import { testDatabaseUri } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../test-support/reconciliation-service.js';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const LOOKUP_HASH_KEY = randomBytes(32).toString('base64');
const onlyA = { CRYPTO_KEYS: { '1': keyA }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY };
const rotated = { CRYPTO_KEYS: { '1': keyA, '2': keyB }, CRYPTO_ACTIVE_KEY: 2, LOOKUP_HASH_KEY };

const running: TestReconciliationService[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.close();
});

async function start(options: Parameters<typeof startTestReconciliationService>[0]) {
  const service = await startTestReconciliationService(options);
  running.push(service);
  return service;
}

/** The sealed values of identifiers and observations, as stored. */
async function sealedValues(service: TestReconciliationService): Promise<string[]> {
  const identifiers = await service.database.collection('identifiers').find().toArray();
  const observations = await service.database.collection('observations').find().toArray();
  return [
    ...identifiers.map((doc) => doc.sealed as string),
    ...observations.flatMap((doc) => [
      ...(doc.identifiers as { sealed: string }[]).map((i) => i.sealed),
      doc.nameSealed as string,
    ]),
  ];
}

describe('key rotation in the reconciliation service', () => {
  it('when the service restarts with a new key and the old one kept, then profiles still show their values, the job reseals them under the new key, and a second run rewrites nothing', async () => {
    const databaseUri = testDatabaseUri('recon_rotation');
    const before = await start({ databaseUri, crypto: onlyA });
    const observationId = 'order:moda-rossi:web-it:ROT-1';
    await before.postOrder({
      tenantId: 'moda-rossi',
      shopId: 'web-it',
      orderId: 'ROT-1',
      channel: 'web',
      placedAt: '2026-03-01T10:00:00Z',
      currency: 'EUR',
      total: 4990,
      customer: { email: 'ann@example.com', phone: '333 123 4567', country: 'IT', name: 'Ann Verdi' },
      lines: [{ sku: 'SKU-1', quantity: 1, total: 4990 }],
    });
    const { profileId } = await before.waitLinked(observationId);
    await running.pop()?.close();

    const after = await start({ databaseUri, crypto: rotated });
    expect((await sealedValues(after)).map((value) => value.slice(0, 7))).toEqual(Array(5).fill('enc:v1:'));
    const email = async () =>
      (
        await after.staff.profiles.reveal.mutate({
          tenantId: 'moda-rossi',
          profileId: profileId ?? '',
          fields: ['email'],
          reason: 'key rotation check',
        })
      ).identifiers[0]?.value;
    expect(await email()).toBe('ann@example.com');

    const first = await after.reencrypt();
    expect(first).toEqual({
      identifiers: { scanned: 2, stale: 2, rewritten: 2, skipped: 0, failed: 0 },
      observations: { scanned: 1, stale: 1, rewritten: 1, skipped: 0, failed: 0 },
    });
    expect((await sealedValues(after)).map((value) => value.slice(0, 7))).toEqual(Array(5).fill('enc:v2:'));
    expect(await email()).toBe('ann@example.com');

    const second = await after.reencrypt();
    expect(Object.values(second).map((counts) => counts.rewritten)).toEqual([0, 0]);
  });
});
