import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTestLoyaltyService, type TestLoyaltyService } from '@scontrino/loyalty-service/testing';
import { requestFrom, tempDir, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLoyaltyApp, startLoyaltyApp } from './serve.js';

/** Paths that leave `/trpc` once percent-decoded or resolved (the loyalty service's `/metrics`…). */
const TRAVERSALS = [
  '/trpc/%2e%2e/metrics',
  '/trpc/../metrics',
  '/trpc/%2E%2E/metrics',
  '/trpc/.%2e/metrics',
  '/trpc/..%2fmetrics',
  '/trpc/..%5Cmetrics',
  '/trpc/..\\metrics',
  '/trpc/%2e%2e/readyz',
  '/trpc/x/../../metrics',
  '/trpcx/../metrics',
];

// A stand-in loyalty service: it records what reached it through the proxy.
const seen: {
  url: string;
  authorization: string | undefined;
  forwardedFor?: string | string[] | undefined;
}[] = [];
let upstream: Server;
let app: RunningLoyaltyApp;
let outDir: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      forwardedFor: req.headers['x-forwarded-for'],
    });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ result: { data: { upstream: true } } }));
  }).listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  // Its own bundle directory: other test files serve `dist/` at the same time.
  outDir = await tempDir('loyalty-app-dist');
  app = await startLoyaltyApp({
    loyaltyUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    tenantId: 'altra-marca',
    outDir,
    logLevel: 'silent',
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  upstream?.close();
});

describe('startLoyaltyApp', () => {
  it('when the app is started without a bundle, then it builds one for production with the tenant baked in', async () => {
    expect(app.build).toBe('built');
    const assets = await readdir(join(outDir, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'));
    if (!script) throw new Error(`no script among ${assets.join(', ')}`);
    const code = await readFile(join(outDir, 'assets', script), 'utf8');
    expect(code).toContain('"altra-marca"');
    // Development JSX (jsxDEV) cannot run on React's production runtime: it must not be there.
    expect(code).not.toContain('jsxDEV');
  });

  it('when the page is asked for, then it comes with the production security headers', async () => {
    const response = await fetch(app.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('when /trpc is called, then the call and its token reach the loyalty service', async () => {
    const response = await fetch(`${app.url}/trpc/me.summary`, { headers: { authorization: 'Bearer abc' } });
    expect(await response.json()).toEqual({ result: { data: { upstream: true } } });
    expect(seen.at(-1)).toEqual({
      url: '/trpc/me.summary',
      authorization: 'Bearer abc',
      forwardedFor: '127.0.0.1',
    });
  });

  it('when a path leaves /trpc once decoded or resolved, then the app refuses it and nothing reaches the loyalty service', async () => {
    const before = seen.length;
    for (const path of TRAVERSALS) {
      const answer = await requestFrom('127.0.0.1', `${app.url}${path}`);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.body, path).not.toContain('upstream');
    }
    expect(seen.slice(before)).toEqual([]);
  });

  it('when a caller claims an address of its own in X-Forwarded-For, then the service is told the address the app sees', async () => {
    const answer = await requestFrom('127.0.0.3', `${app.url}/trpc/me.summary`, {
      headers: { 'x-forwarded-for': '203.0.113.9', forwarded: 'for=203.0.113.9', 'x-real-ip': '203.0.113.9' },
    });
    expect(answer.status).toBe(200);
    expect(seen.at(-1)?.forwardedFor).toBe('127.0.0.3');
  });

  it('when the launcher waits for readiness, then /readyz answers 200 without reaching the loyalty service', async () => {
    const before = seen.length;
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'loyalty-app' });
    expect(seen.length).toBe(before);
  });

  it('when started again with the same sources, then the bundle is reused, unless a build is asked for', async () => {
    const options = {
      loyaltyUrl: 'http://127.0.0.1:9',
      tenantId: 'altra-marca',
      outDir,
      logLevel: 'silent' as const,
    };
    const again = await startLoyaltyApp(options);
    expect(again.build).toBe('fresh');
    await again.close();
    const forced = await startLoyaltyApp({ ...options, build: true });
    expect(forced.build).toBe('built');
    await forced.close();
  }, 180_000);
});

describe('in front of the loyalty service', () => {
  // The service believes X-Forwarded-For from the app's address only, as the stack sets it up.
  const APP_ADDRESS = '127.0.0.1';
  let loyalty: TestLoyaltyService;
  let gate: RunningLoyaltyApp;

  beforeAll(async () => {
    loyalty = await startTestLoyaltyService({
      trustProxy: [APP_ADDRESS],
      signInCodeIpLimit: { windowMs: 60_000, limit: 2 },
    });
    gate = await startLoyaltyApp({
      loyaltyUrl: loyalty.url,
      tenantId: 'altra-marca',
      outDir,
      logLevel: 'silent',
    });
  }, 180_000);

  afterAll(async () => {
    await gate?.close();
    await loyalty?.close();
  });

  /** Every request the service has answered so far, from its own counters. */
  async function requestsServed(): Promise<number> {
    const scrape = await fetch(`${loyalty.url}/metrics`, {
      headers: { authorization: `Bearer ${loyalty.metricsToken}` },
    });
    expect(scrape.status).toBe(200);
    return (await scrape.text())
      .split('\n')
      .filter((line) => line.startsWith('http_requests_total{'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  it('when /metrics is asked for through the app by a path traversal, then it is refused and never reaches the service', async () => {
    const before = await requestsServed();
    for (const path of TRAVERSALS) {
      const answer = await requestFrom('127.0.0.3', `${gate.url}${path}`);
      expect(answer.status, path).not.toBe(200);
      expect(answer.body, path).not.toContain('http_requests_total');
    }
    // Only the scrape above was served in between.
    expect(await requestsServed()).toBe(before + 1);
  });

  it('when /metrics is scraped without the token or with a wrong one, then it is 401; with the token, 200', async () => {
    expect((await requestFrom(APP_ADDRESS, `${loyalty.url}/metrics`)).status).toBe(401);
    const wrong = await requestFrom(APP_ADDRESS, `${loyalty.url}/metrics`, {
      headers: { authorization: `Bearer ${loyalty.serviceToken}` },
    });
    expect(wrong.status).toBe(401);
    const scraped = await requestFrom(APP_ADDRESS, `${loyalty.url}/metrics`, {
      headers: { authorization: `Bearer ${loyalty.metricsToken}` },
    });
    expect(scraped.status).toBe(200);
    expect(scraped.body).toContain('http_requests_total');
  });

  /** `auth.requestCode` from a client's own address, through the app or straight to the service. */
  const requestCode = (from: string, base: string, forwardedFor?: string) =>
    requestFrom(from, `${base}/trpc/auth.requestCode`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor !== undefined && { 'x-forwarded-for': forwardedFor }),
      },
      body: JSON.stringify({ tenantId: 'moda-rossi', email: `${uniqueName('member')}@example.test` }),
    }).then((answer) => answer.status);

  it('when two members sign in through the app, then each has their own per-IP budget, and a spoofed X-Forwarded-For buys none', async () => {
    // Two codes per window and address (the limit set above).
    expect(await requestCode('127.0.0.4', gate.url)).toBe(200);
    expect(await requestCode('127.0.0.4', gate.url)).toBe(200);
    expect(await requestCode('127.0.0.4', gate.url)).toBe(429);
    expect(await requestCode('127.0.0.4', gate.url, '198.51.100.7')).toBe(429);
    // Another member, behind the same app: a budget of their own.
    expect(await requestCode('127.0.0.5', gate.url)).toBe(200);
  });

  it('when a caller sends X-Forwarded-For straight to the service from an address it does not trust, then it is not believed', async () => {
    expect(await requestCode('127.0.0.6', loyalty.url, '198.51.100.1')).toBe(200);
    expect(await requestCode('127.0.0.6', loyalty.url, '198.51.100.2')).toBe(200);
    expect(await requestCode('127.0.0.6', loyalty.url, '198.51.100.3')).toBe(429);
  });
});
