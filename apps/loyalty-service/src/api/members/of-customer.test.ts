import { randomUUID } from 'node:crypto';
import { createLookupHasher } from '@scontrino/crypto';
import { refusalOf, staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLoyaltyService, type TestLoyaltyService } from '../../test-support/loyalty-service.js';

let service: TestLoyaltyService;
const run = randomUUID().slice(0, 8);
const email = `giulia-${run}@example.test`;
const card = '2900000012345';
let memberId: string;
const hashOf = (type: 'card' | 'email', value: string) => ({
  type,
  hash: createLookupHasher(service.crypto.LOOKUP_HASH_KEY)(type, value),
});

beforeAll(async () => {
  service = await startTestLoyaltyService();
  ({ memberId } = await service.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email,
    name: 'Giulia Bianchi',
    cardNumbers: [card],
    marketingConsent: { granted: true, source: 'till' },
  }));
  await service.staff.ledger.adjust.mutate({
    memberId,
    requestId: `goodwill-${run}`,
    points: 120,
    reason: 'goodwill',
  });
});
afterAll(() => service.close());

describe("the back office's loyalty block of a customer", () => {
  it("when staff ask by a customer's card and e-mail hashes, then they get the one member, its balance, the e-mail in clear for staff who may reveal", async () => {
    const identifiers = [hashOf('card', card), hashOf('email', email)];
    const { members } = await service.staff.members.ofCustomer.query({ tenantId: 'moda-rossi', identifiers });
    expect(members.map(({ member, balance }) => [member.memberId, member.email, balance.active])).toEqual([
      [memberId, email, 120],
    ]);
    const desk = service.app(
      await staffToken({ sub: 'lucia@desk', roles: ['support'], tenants: ['moda-rossi'] }),
    );
    expect(
      (await desk.members.ofCustomer.query({ tenantId: 'moda-rossi', identifiers })).members,
    ).toHaveLength(1);
    const unknown = await service.staff.members.ofCustomer.query({
      tenantId: 'moda-rossi',
      identifiers: [hashOf('card', '2900000099999')],
    });
    expect(unknown.members).toEqual([]);
    const otherBrand = await service.staff.members.ofCustomer.query({ tenantId: 'bella-casa', identifiers });
    expect(otherBrand.members).toEqual([]);
  });

  it('when the CRM analyst asks, then it is refused: members are not theirs to see', async () => {
    const analyst = service.app(
      await staffToken({ sub: 'carla@crm', roles: ['crm_analyst'], tenants: ['moda-rossi'] }),
    );
    expect(
      await refusalOf(
        analyst.members.ofCustomer.query({ tenantId: 'moda-rossi', identifiers: [hashOf('card', card)] }),
      ),
    ).toMatchObject({ status: 403, code: 'auth.forbidden' });
  });
});
