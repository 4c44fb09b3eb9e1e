import { Writable } from 'node:stream';
import { mailSink, uniqueName } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_ATTEMPT_LIMITS } from './domain/auth/sign-in-limits.js';
import { eventually } from './test-support/eventually.js';
import { startTestLoyaltyService, type TestLoyaltyService } from './test-support/loyalty-service.js';

// Wrong codes: each code dies after its tries, a fresh code works, a cap per address stops brute
// force, and none of it tells a member's address from a stranger's.

const TENANT = 'moda-rossi';
const PER_CODE = SIGN_IN_ATTEMPT_LIMITS.perCode;
const PER_ADDRESS = SIGN_IN_ATTEMPT_LIMITS.perAddress.limit;
let loyalty: TestLoyaltyService;
const logged: string[] = [];

beforeAll(async () => {
  const lines = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  loyalty = await startTestLoyaltyService({
    // This file signs in far more than a person would, all from 127.0.0.1.
    signInAttemptIpLimit: { windowMs: 60_000, limit: 10_000 },
    logger: pino({ level: 'info' }, lines),
  });
});
afterAll(async () => {
  await loyalty.close();
});

async function member(): Promise<string> {
  const email = `${uniqueName('member')}@example.test`;
  await loyalty.trpc.members.enrol.mutate({
    tenantId: TENANT,
    email,
    cardNumbers: [],
    marketingConsent: { granted: false, source: 'till' },
  });
  return email;
}

interface Answer {
  status: number;
  body: unknown;
}

/** A raw call of the app's procedure; the request id (different on every answer) left out. */
async function call(procedure: string, input: unknown): Promise<Answer> {
  const res = await fetch(`${loyalty.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { error?: { data?: Record<string, unknown> } };
  if (body.error?.data) delete body.error.data.requestId;
  return { status: res.status, body };
}

const signIn = (email: string, code: string) => call('auth.signIn', { tenantId: TENANT, email, code });

/** Asks for a code; resolves with it once mailed (a member's), or once the request was handled. */
async function requestCode(email: string): Promise<{ answer: Answer; code: string | null }> {
  const before = (await mailSink.list({ to: email })).length;
  const answer = await call('auth.requestCode', { tenantId: TENANT, email });
  const mails = await eventually(async () => {
    const all = await mailSink.list({ to: email });
    return all.length > before ? all : undefined;
  }, `a code for ${email}`).catch(() => null);
  const newest = mails?.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).at(-1);
  return { answer, code: /\b(\d{6})\b/.exec(newest?.subject ?? '')?.[1] ?? null };
}

const otherThan = (code: string, n: number) => String((Number(code) + 1 + n) % 1_000_000).padStart(6, '0');

describe('wrong sign-in codes', () => {
  it("when a member's and a stranger's address go through the same sequence, then every answer is the same", async () => {
    const memberEmail = await member();
    const strangerEmail = `${uniqueName('stranger')}@example.test`;
    const stranger: Answer[] = [];
    const known: Answer[] = [];

    // The member's code is asked for second and waited for: the stranger's request is handled by then.
    stranger.push(await call('auth.requestCode', { tenantId: TENANT, email: strangerEmail }));
    const first = await requestCode(memberEmail);
    known.push(first.answer);
    const code = first.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    // Past the code's tries, then its right value: the member's code is dead, and so answers as the stranger's.
    for (let i = 0; i <= PER_CODE; i++) {
      stranger.push(await signIn(strangerEmail, otherThan(code, i)));
      known.push(await signIn(memberEmail, otherThan(code, i)));
    }
    stranger.push(await signIn(strangerEmail, code));
    known.push(await signIn(memberEmail, code));
    // More codes and more wrong guesses, until the address's cap and past it.
    for (let round = 0; round < Math.ceil(PER_ADDRESS / PER_CODE); round++) {
      stranger.push(await call('auth.requestCode', { tenantId: TENANT, email: strangerEmail }));
      known.push((await requestCode(memberEmail)).answer);
      for (let i = 0; i < PER_CODE; i++) {
        stranger.push(await signIn(strangerEmail, otherThan(code, i)));
        known.push(await signIn(memberEmail, otherThan(code, i)));
      }
    }

    expect(known).toEqual(stranger);
    const statuses = known.map((answer) => answer.status);
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
  });

  it('when a code has used up its tries, then a newly requested code signs in', async () => {
    const email = await member();
    const burnt = (await requestCode(email)).code ?? '';
    for (let i = 0; i < PER_CODE; i++) expect((await signIn(email, otherThan(burnt, i))).status).toBe(401);
    expect((await signIn(email, burnt)).status).not.toBe(200);

    const fresh = (await requestCode(email)).code ?? '';
    const answer = await signIn(email, fresh);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ result: { data: { token: expect.any(String) as unknown } } });
  });

  it('when wrong codes reach the cap of the address, then not even a fresh right code signs in', async () => {
    const email = await member();
    let wrong = 0;
    while (wrong < PER_ADDRESS) {
      const code = (await requestCode(email)).code ?? '';
      for (let i = 0; i < PER_CODE && wrong < PER_ADDRESS; i++, wrong++)
        expect((await signIn(email, otherThan(code, i))).status).toBe(401);
    }
    const fresh = (await requestCode(email)).code ?? '';
    expect(fresh).toMatch(/^\d{6}$/);
    const refused = await signIn(email, fresh);
    expect(refused).toMatchObject({
      status: 429,
      body: { error: { data: { appCode: 'auth.too_many_wrong_codes' } } },
    });
    // The address's keyed hash, never the address, names the count in Redis and the log lines.
    const hash = loyalty.loyalty.crypto.email(email)?.hash ?? '';
    const redis = loyalty.queues.queue('sign-in-attempts-probe').client;
    const keys = await redis.keys(`${loyalty.limitsPrefix}*`);
    expect(keys).toContain(`${loyalty.limitsPrefix}sign-in-attempt-address:${TENANT}:${hash}`);
    expect(keys.filter((key) => key.toLowerCase().includes(email.split('@')[0] ?? email))).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter((line) => line.includes(email.split('@')[0] ?? email))).toEqual([]);
  });
});
