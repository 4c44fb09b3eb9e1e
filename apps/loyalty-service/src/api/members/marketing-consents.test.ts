import { randomUUID } from 'node:crypto';
import { createLookupHasher } from '@scontrino/crypto';
import { refusalOf, staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLoyaltyService, type TestLoyaltyService } from '../../test-support/loyalty-service.js';

let service: TestLoyaltyService;
const run = randomUUID().slice(0, 8);
const hashOf = (type: 'card' | 'email', value: string) => ({
  type,
  hash: createLookupHasher(service.crypto.LOOKUP_HASH_KEY)(type, value),
});
const enrol = (email: string, card: string, granted: boolean) =>
  service.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email,
    cardNumbers: [card],
    marketingConsent: { granted, source: 'till' },
  });

beforeAll(async () => {
  service = await startTestLoyaltyService();
  await enrol(`yes-${run}@example.test`, '2900000020001', true);
  await enrol(`no-${run}@example.test`, '2900000020002', false);
});
afterAll(() => service.close());

describe('marketing consent behind identifier hashes (a segment export)', () => {
  it('answers the consent in force per card or e-mail, null for an unknown one, and refuses the analyst', async () => {
    const identifiers = [
      hashOf('email', `yes-${run}@example.test`),
      hashOf('card', '2900000020002'),
      hashOf('email', `nobody-${run}@example.test`),
    ];
    const { consents } = await service.trpc.members.marketingConsents.query({
      tenantId: 'moda-rossi',
      identifiers,
    });
    expect(consents.map((c) => c.marketingEmail)).toEqual([true, false, null]);
    // Another brand holds none of them.
    const other = await service.trpc.members.marketingConsents.query({ tenantId: 'bella-casa', identifiers });
    expect(other.consents.map((c) => c.marketingEmail)).toEqual([null, null, null]);
    const analyst = service.app(await staffToken({ roles: ['crm_analyst'], tenants: ['moda-rossi'] }));
    expect(
      await refusalOf(analyst.members.marketingConsents.query({ tenantId: 'moda-rossi', identifiers })),
    ).toMatchObject({ status: 403 });
  });
});
