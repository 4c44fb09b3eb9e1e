import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemoSignIn, startDemoSignIn } from './demo-sign-in.js';
import { createLocalIssuer, type LocalIssuer } from './local-issuer.js';
import { createStaffTokenVerifier } from './token-verifier.js';

const redirectUri = 'http://127.0.0.1:9/auth/callback';
const verifier = 'a-code-verifier-of-forty-three-characters-at-least-x';
const challenge = createHash('sha256').update(verifier).digest('base64url');
let issuer: LocalIssuer;
let signIn: RunningDemoSignIn;

beforeAll(async () => {
  issuer = await createLocalIssuer({ issuer: 'https://staff.demo.test' });
  signIn = await startDemoSignIn({
    issuer,
    staff: {
      manager: {
        label: 'store manager',
        may: 'one store',
        claims: { sub: 'manager', roles: ['store_manager'], tenants: ['moda-rossi'], stores: ['MI-001'] },
      },
    },
    clients: [{ clientId: 'back-office', redirectUris: [redirectUri] }],
  });
});
afterAll(() => signIn.close());

const authorization = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: 'back-office',
    redirect_uri: redirectUri,
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'the-state',
    ...overrides,
  });

async function codeFor(staff = 'manager'): Promise<string> {
  const res = await fetch(signIn.authorizationEndpoint, {
    method: 'POST',
    body: new URLSearchParams([...authorization(), ['staff', staff]]),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  const back = new URL(res.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(redirectUri);
  expect(back.searchParams.get('state')).toBe('the-state');
  return back.searchParams.get('code') ?? '';
}

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  fetch(signIn.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: 'back-office',
      redirect_uri: redirectUri,
      code_verifier: verifier,
      ...overrides,
    }),
  });

describe('the demo sign-in', () => {
  it('lists the staff, and exchanges a code once for tokens the services accept', async () => {
    const page = await (await fetch(`${signIn.authorizationEndpoint}?${authorization().toString()}`)).text();
    expect(page).toContain('store manager');
    expect(page).toContain('one store');
    const code = await codeFor();
    const res = await exchange(code);
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { access_token: string; id_token: string; expires_in: number };
    const check = await createStaffTokenVerifier(issuer.config).verify(tokens.access_token);
    expect(check).toMatchObject({ ok: true, staff: { subject: 'manager', stores: ['MI-001'] } });
    // A code is good once.
    expect((await exchange(code)).status).toBe(400);
  });

  it('refuses a wrong verifier, another redirect URI, an unknown client and a request without PKCE', async () => {
    expect(
      await (await exchange(await codeFor(), { code_verifier: `${verifier}-not` })).json(),
    ).toMatchObject({
      error: 'invalid_grant',
    });
    expect((await exchange(await codeFor(), { redirect_uri: 'http://127.0.0.1:9/elsewhere' })).status).toBe(
      400,
    );
    for (const params of [
      authorization({ client_id: 'someone-else' }),
      authorization({ redirect_uri: 'https://attacker.example/cb' }),
      authorization({ code_challenge_method: 'plain' }),
    ]) {
      const res = await fetch(`${signIn.authorizationEndpoint}?${params.toString()}`);
      expect(res.status).toBe(400);
    }
  });
});
