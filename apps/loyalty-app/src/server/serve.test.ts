import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLoyaltyApp, startLoyaltyApp } from './serve.js';

// A stand-in loyalty service: it records what reached it through the proxy.
const seen: { url: string; authorization: string | undefined }[] = [];
let upstream: Server;
let app: RunningLoyaltyApp;
let outDir: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
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
    expect(seen.at(-1)).toEqual({ url: '/trpc/me.summary', authorization: 'Bearer abc' });
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
