import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestLoyaltyService,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from '../../test-support/loyalty-service.js';

let service: TestLoyaltyService;
/** Issues the tills' terminal keys, as in production. */
let receipts: TestReceiptService;
let tillKey: string;
let otherBrandKey: string;

beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('till-members');
  receipts = await startTestReceiptService({ crypto, queuePrefix });
  service = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
  });
  tillKey = await receipts.terminal('MI-001', 'T01', 'moda-rossi');
  otherBrandKey = await receipts.terminal('CV-001', 'T01', 'casa-verdi');
}, 60_000);
afterAll(async () => {
  await service?.close();
  await receipts?.close();
});

const enrol = async (body: unknown, bearer = tillKey) => {
  const res = await fetch(`${service.url}/v1/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const customer = (n: string) => ({
  tenantId: 'moda-rossi',
  email: `till-${n}@example.test`,
  name: 'Giulia Neri',
  cardNumbers: [`27000${n.padStart(8, '0')}`],
  marketingConsent: true,
});

describe('POST /v1/members: a till enrols with its terminal key', () => {
  it('when a till enrols a customer of its brand, then the member exists, with consent given at the till, shown masked', async () => {
    const answer = await enrol(customer('1'));
    expect(answer.status).toBe(201);
    expect(JSON.stringify(answer.body)).not.toContain('till-1@example.test');
    const found = await service.staff.members.lookup.query({
      tenantId: 'moda-rossi',
      cardNumber: '2700000000001',
    });
    expect(found.memberId).toBe(answer.body.memberId);
    const member = await service.staff.members.get.query({ memberId: found.memberId });
    expect(member).toMatchObject({ email: 'till-1@example.test', tenantId: 'moda-rossi' });
    expect(JSON.stringify(member)).toContain('"source":"till"');
    expect(await enrol(customer('1'))).toMatchObject({ status: 409 });
  });

  it('when a till of another brand, the service token or no key is used, then it is refused and nobody is enrolled', async () => {
    expect(await enrol(customer('2'), otherBrandKey)).toMatchObject({
      status: 403,
      body: { error: { code: 'auth.scope' } },
    });
    expect((await enrol(customer('3'), TEST_SERVICE_TOKEN)).status).toBe(401);
    expect((await enrol(customer('4'), 'sk_term_nope')).status).toBe(401);
    for (const n of ['2', '3', '4'])
      await expect(
        service.staff.members.lookup.query({
          tenantId: 'moda-rossi',
          cardNumber: `27000${n.padStart(8, '0')}`,
        }),
      ).rejects.toMatchObject({ data: { httpStatus: 404 } });
  });

  it('when the body is malformed, then 422 names each problem by path', async () => {
    const answer = await enrol({ ...customer('5'), email: 'not-an-address', marketingConsent: 'yes' });
    expect(answer.status).toBe(422);
    const paths = (answer.body.error as { issues: { path: string }[] }).issues
      .map((issue) => issue.path)
      .sort();
    expect(paths).toEqual(['email', 'marketingConsent']);
  });
});
