import { requestFrom, uniqueName } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestLoyaltyService, type TestLoyaltyService } from './test-support/loyalty-service.js';

// The per-IP limits of the procedures that mail a code or create records, counted once tRPC has
// resolved the procedure: however the path is spelt, and once per call of a batch.

const TENANT = 'moda-rossi';
const LIMIT = 3;
let loyalty: TestLoyaltyService | undefined;

afterEach(async () => {
  await loyalty?.close();
  loyalty = undefined;
});

/** A service of its own per test, so each starts with a fresh budget for 127.0.0.1. */
async function serviceWithLimit(): Promise<TestLoyaltyService> {
  loyalty = await startTestLoyaltyService({
    signInCodeIpLimit: { windowMs: 60_000, limit: LIMIT },
    signInAttemptIpLimit: { windowMs: 60_000, limit: LIMIT },
  });
  return loyalty;
}

const address = () => `${uniqueName('ip')}@example.test`;
const codeInput = () => ({ tenantId: TENANT, email: address() });
const joinInput = () => ({ tenantId: TENANT, email: address(), marketingConsent: false });

interface Answer {
  status: number;
  body: unknown;
}

/** A raw POST, path as written (no normalisation by a client). */
async function post(service: TestLoyaltyService, path: string, body: unknown): Promise<Answer> {
  const res = await fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The tRPC code of each call's answer: `ok` for a result, the error's code otherwise. */
function outcomes(answer: Answer): string[] {
  const calls = (Array.isArray(answer.body) ? answer.body : [answer.body]) as {
    result?: unknown;
    error?: { data?: { code?: string } };
  }[];
  return calls.map((call) => (call.result ? 'ok' : (call.error?.data?.code ?? 'none')));
}

async function useUpTheBudget(service: TestLoyaltyService): Promise<void> {
  for (let i = 0; i < LIMIT; i++)
    expect(outcomes(await post(service, '/trpc/auth.requestCode', codeInput()))).toEqual(['ok']);
  expect(outcomes(await post(service, '/trpc/auth.requestCode', codeInput()))).toEqual(['TOO_MANY_REQUESTS']);
}

describe('per-IP limits of the sign-in procedures', () => {
  it('when the limit has answered 429, then every spelling of the path that reaches auth.requestCode is refused too', async () => {
    const service = await serviceWithLimit();
    await useUpTheBudget(service);
    const reached: string[] = [];
    for (const path of [
      '/trpc/x/auth.requestCode',
      '/trpc//auth.requestCode',
      '/trpc/auth%2ErequestCode',
      '/trpc/auth%2erequestCode',
      '/trpc/auth.requestCode/',
    ]) {
      const answer = await post(service, path, codeInput());
      // A spelling tRPC does not resolve to the procedure is a 404 and sends nothing: also fine.
      if (answer.status === 404) continue;
      reached.push(path);
      expect({ path, outcomes: outcomes(answer) }).toEqual({ path, outcomes: ['TOO_MANY_REQUESTS'] });
      expect(answer.status).toBe(429);
    }
    // The spellings that sent codes past the old limit do reach the procedure.
    expect(reached).toEqual(
      expect.arrayContaining([
        '/trpc/x/auth.requestCode',
        '/trpc//auth.requestCode',
        '/trpc/auth%2ErequestCode',
      ]),
    );
  });

  it('when a batch holds more calls than the budget, then each call counts and the extra ones are refused', async () => {
    const service = await serviceWithLimit();
    const calls = LIMIT + 2;
    const answer = await post(
      service,
      `/trpc/${Array.from({ length: calls }, () => 'auth.requestCode').join(',')}?batch=1`,
      Object.fromEntries(Array.from({ length: calls }, (_, i) => [String(i), codeInput()])),
    );
    const seen = outcomes(answer);
    expect(seen.filter((outcome) => outcome === 'ok')).toHaveLength(LIMIT);
    expect(seen.filter((outcome) => outcome === 'TOO_MANY_REQUESTS')).toHaveLength(calls - LIMIT);
  });

  it('when the budget is used up, then auth.join is refused too, alone and batched', async () => {
    const service = await serviceWithLimit();
    await useUpTheBudget(service);
    expect(outcomes(await post(service, '/trpc/auth.join', joinInput()))).toEqual(['TOO_MANY_REQUESTS']);
    expect(
      outcomes(
        await post(service, '/trpc/auth.join,auth.join?batch=1', { '0': joinInput(), '1': joinInput() }),
      ),
    ).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    // Nothing was enrolled by the refused joins.
    expect(await service.database.collection('members').countDocuments()).toBe(0);
  });

  it('when joins alone come from one address, then they use the same budget as code requests', async () => {
    const service = await serviceWithLimit();
    for (let i = 0; i < LIMIT; i++)
      expect(outcomes(await post(service, '/trpc/auth.join', joinInput()))).toEqual(['ok']);
    expect(outcomes(await post(service, '/trpc/x/auth.join', joinInput()))).toEqual(['TOO_MANY_REQUESTS']);
    expect(outcomes(await post(service, '/trpc/auth.requestCode', codeInput()))).toEqual([
      'TOO_MANY_REQUESTS',
    ]);
  });

  it('when one address tries codes past its limit, then auth.signIn is refused whatever the address tried', async () => {
    const service = await serviceWithLimit();
    const attempt = () => ({ tenantId: TENANT, email: address(), code: '123456' });
    for (let i = 0; i < LIMIT; i++)
      expect(outcomes(await post(service, '/trpc/auth.signIn', attempt()))).toEqual(['UNAUTHORIZED']);
    expect(outcomes(await post(service, '/trpc/x/auth.signIn', attempt()))).toEqual(['TOO_MANY_REQUESTS']);
    expect(
      outcomes(
        await post(service, '/trpc/auth.signIn,auth.signIn?batch=1', { '0': attempt(), '1': attempt() }),
      ),
    ).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    // The budget of sign-in attempts is not the one of codes.
    expect(outcomes(await post(service, '/trpc/auth.requestCode', codeInput()))).toEqual(['ok']);
  });

  it('when one client has used up its budget, then a client from another address still has its own', async () => {
    const service = await serviceWithLimit();
    const ask = async (from: string) => {
      const answer = await requestFrom(from, `${service.url}/trpc/auth.requestCode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(codeInput()),
      });
      return outcomes({ status: answer.status, body: JSON.parse(answer.body) as unknown })[0];
    };
    for (let i = 0; i < LIMIT; i++) expect(await ask('127.0.0.2')).toBe('ok');
    expect(await ask('127.0.0.2')).toBe('TOO_MANY_REQUESTS');
    expect(await ask('127.0.0.3')).toBe('ok');
  });
});
