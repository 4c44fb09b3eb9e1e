import { requestFrom } from '@scontrino/testing';
import { publicProcedure, router } from '@scontrino/trpc';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceApp } from './create-app.js';
import { listen, type RunningService } from './lifecycle.js';
import { createRateLimits } from './rate-limit/rate-limits.js';

// Distinct clients on one machine: every address of 127.0.0.0/8 is loopback on Linux.
const PROXY = '127.0.0.1';
const STRANGER = '127.0.0.2';

const logger = pino({ level: 'silent' });
const running: RunningService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.shutdown('test over')));
});

/** A service answering `GET /whoami` with `req.ip`, and `POST /sign-in` limited to one per client. */
async function start(trustProxy?: readonly string[]): Promise<string> {
  const limits = createRateLimits({ prefix: 'test:', logger });
  const service = createServiceApp({
    logger,
    serviceToken: 's'.repeat(32),
    router: router({ ping: publicProcedure.query(() => 'pong') }),
    readiness: [],
    rateLimits: limits,
    ...(trustProxy && { trustProxy }),
    routes: (app) => {
      app.get('/whoami', (req, res) => {
        res.json({ ip: req.ip });
      });
      app.post(
        '/sign-in',
        limits.middleware({ name: 'sign-in', windowMs: 60_000, limit: 1 }),
        (_req, res) => {
          res.json({ ok: true });
        },
      );
    },
  });
  const started = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
  running.push(started);
  return started.url;
}

async function clientOf(url: string, from: string, forwardedFor?: string): Promise<string> {
  const answer = await requestFrom(from, `${url}/whoami`, {
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
  return (JSON.parse(answer.body) as { ip: string }).ip;
}

describe('the client address (TRUST_PROXY)', () => {
  it('when no proxy is trusted, then X-Forwarded-For is ignored: the client is the peer', async () => {
    const url = await start();
    expect(await clientOf(url, PROXY, '203.0.113.9')).toBe(PROXY);
    expect(await clientOf(url, STRANGER, '203.0.113.9')).toBe(STRANGER);
  });

  it('when a proxy is trusted, then only its X-Forwarded-For is believed, and only its last hop', async () => {
    const url = await start([PROXY]);
    expect(await clientOf(url, PROXY, '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientOf(url, PROXY)).toBe(PROXY);
    // A spoofed entry before the one the proxy added stays a claim of the client's.
    expect(await clientOf(url, PROXY, '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    // Sent directly from an address that is not the proxy: not believed.
    expect(await clientOf(url, STRANGER, '203.0.113.9')).toBe(STRANGER);
  });

  it('when proxies are trusted by CIDR block, then a whole tier of them is believed', async () => {
    const url = await start(['127.0.0.0/30']);
    expect(await clientOf(url, STRANGER, '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientOf(url, '127.0.0.5', '203.0.113.9')).toBe('127.0.0.5');
  });

  it('when clients behind the proxy sign in, then each has a budget of its own, and spoofing does not buy a new one', async () => {
    const url = await start([PROXY]);
    const signIn = (from: string, forwardedFor?: string) =>
      requestFrom(from, `${url}/sign-in`, {
        method: 'POST',
        headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      }).then((answer) => answer.status);

    expect(await signIn(PROXY, '203.0.113.1')).toBe(200);
    expect(await signIn(PROXY, '203.0.113.1')).toBe(429);
    expect(await signIn(PROXY, '203.0.113.2')).toBe(200);

    // Directly, a new X-Forwarded-For on each try: one budget, the peer's.
    expect(await signIn(STRANGER, '192.0.2.1')).toBe(200);
    expect(await signIn(STRANGER, '192.0.2.2')).toBe(429);
    expect(await signIn(STRANGER, '192.0.2.3')).toBe(429);
  });
});
