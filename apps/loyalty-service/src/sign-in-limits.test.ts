import { mailSink, uniqueName } from '@scontrino/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltyRouter } from './api/router.js';
import { SIGN_IN_CODE_LIMITS } from './domain/auth/sign-in-limits.js';
import { eventually } from './test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from './test-support/loyalty-service.js';

const TENANT = 'moda-rossi';
let loyalty: TestLoyaltyService;

beforeAll(async () => {
  loyalty = await startTestLoyaltyService({ signInCodeIpLimit: { windowMs: 60_000, limit: 8 } });
});
afterAll(async () => {
  await loyalty.close();
});

describe('sign-in code limits', () => {
  it('when one address asks for more codes than its share, then only its share is mailed, and the answer does not change', async () => {
    const email = `${uniqueName('member')}@example.test`;
    await loyalty.trpc.members.enrol.mutate({
      tenantId: TENANT,
      email,
      cardNumbers: [],
      marketingConsent: { granted: false, source: 'app' },
    });
    const share = SIGN_IN_CODE_LIMITS.perAddress.limit;
    const answers = [];
    for (let i = 0; i < share + 2; i++)
      answers.push(await loyalty.app().auth.requestCode.mutate({ tenantId: TENANT, email }));

    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    await eventually(
      async () => ((await mailSink.list({ to: email })).length === share ? true : undefined),
      'the codes',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailSink.list({ to: email })).toHaveLength(share);
  });

  it('when one IP asks for codes past its limit, then it gets a 429 the app reads as "too many requests"', async () => {
    // Eight requests per window from 127.0.0.1 in this file: the ninth at the latest is refused.
    const ask = () =>
      loyalty
        .app()
        .auth.requestCode.mutate({ tenantId: TENANT, email: `${uniqueName('nobody')}@example.test` })
        .then(
          () => null,
          (error: unknown) => error,
        );
    let refusal: unknown = null;
    for (let i = 0; i < 9 && refusal === null; i++) refusal = await ask();
    expect(refusal).toBeInstanceOf(TRPCClientError);
    expect((refusal as TRPCClientError<LoyaltyRouter>).data?.httpStatus).toBe(429);
  });
});
