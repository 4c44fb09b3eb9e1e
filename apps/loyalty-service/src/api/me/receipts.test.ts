import { uniqueName } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoyaltyRouter } from '../router.js';
import { issueSessionToken } from '../../domain/auth/member-session.js';
import { startTestLoyaltyService, type TestLoyaltyService } from '../../test-support/loyalty-service.js';

let service: TestLoyaltyService;

beforeAll(async () => {
  // No receipt service listens at the default address of the test harness.
  service = await startTestLoyaltyService();
});
afterAll(() => service?.close());

it('when the receipt service cannot be reached, then me.receipts answers 503 and the rest of the app works', async () => {
  const { memberId } = await service.trpc.members.enrol.mutate({
    tenantId: 'moda-rossi',
    email: `${uniqueName('offline')}@example.test`,
    cardNumbers: ['2900000077777'],
    marketingConsent: { granted: false, source: 'app' },
  });
  const token = issueSessionToken(service.loyalty.crypto.sessionKey, {
    memberId,
    tenantId: 'moda-rossi',
    expiresAt: new Date(Date.now() + 60_000),
  });
  const app = service.app(token);
  const error: unknown = await app.me.receipts.query({}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCClientError);
  expect((error as TRPCClientError<LoyaltyRouter>).data?.httpStatus).toBe(503);
  expect((await app.me.summary.query()).memberId).toBe(memberId);
});
