import { pino } from 'pino';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { publicProcedure, router } from '@scontrino/trpc';
import { createServiceApp, type ServiceApp } from '../create-app.js';
import { listen, type RunningService } from '../lifecycle.js';
import { parseSamples, valueOf } from './prometheus-text.test-support.js';

const logger = pino({ level: 'silent' });
const serviceToken = 's'.repeat(32);
const metricsToken = 'm'.repeat(32);
const scraper = { authorization: `Bearer ${metricsToken}` };
const appRouter = router({
  ping: publicProcedure.query(() => 'pong'),
  receipts: router({ get: publicProcedure.query(() => 'receipt') }),
});

function buildService(metrics?: Registry, options: { metricsToken?: string } = { metricsToken }): ServiceApp {
  return createServiceApp({
    logger,
    serviceToken,
    metricsToken: options.metricsToken,
    router: appRouter,
    readiness: [],
    ...(metrics && { metrics }),
    routes: (app) => {
      app.get('/r/:token', (req, res) => {
        res.json({ token: req.params.token });
      });
    },
  });
}

const running: RunningService[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.shutdown('test over')));
});

/** Listens on loopback. */
async function start(service: ServiceApp) {
  const started = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
  running.push(started);
  return started.url;
}

async function scrape(url: string) {
  const res = await fetch(`${url}/metrics`, { headers: scraper });
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), samples: parseSamples(await res.text()) };
}

describe('/metrics', () => {
  it('when requests have been served, then it counts and times them by route pattern, never by raw URL', async () => {
    const url = await start(buildService());
    await fetch(`${url}/r/rcpt_tok_SECRET1`);
    await fetch(`${url}/r/rcpt_tok_SECRET2`);
    await fetch(`${url}/trpc/receipts.get`);
    await fetch(`${url}/trpc/ping,receipts.get?batch=1&input={}`);
    await fetch(`${url}/trpc/no.such.procedure`);
    await fetch(`${url}/nowhere/SECRET3`);

    const res = await fetch(`${url}/metrics`, { headers: scraper });
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).not.toMatch(/SECRET|no\.such/);
    const samples = parseSamples(text);
    const tokenRoute = { method: 'GET', route: '/r/:token', status: '200' };
    expect(valueOf(samples, 'http_requests_total', tokenRoute)).toBe(2);
    expect(valueOf(samples, 'http_request_duration_seconds_count', tokenRoute)).toBe(2);
    expect(valueOf(samples, 'http_request_duration_seconds_bucket', { ...tokenRoute, le: '+Inf' })).toBe(2);
    expect(valueOf(samples, 'http_request_duration_seconds_sum', tokenRoute)).toBeGreaterThan(0);
    const count = (route: string, status: string) =>
      valueOf(samples, 'http_requests_total', { method: 'GET', route, status });
    expect(count('/trpc/receipts.get', '200')).toBe(1);
    expect(count('/trpc/(batch)', '200')).toBe(1);
    expect(count('/trpc/(unknown)', '404')).toBe(1);
    expect(count('(no route)', '404')).toBe(1);
    // Default process metrics come along.
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('when two apps run in one process, then each counts only its own requests', async () => {
    const first = await start(buildService());
    const second = await start(buildService());
    await fetch(`${first}/r/a`);
    await fetch(`${first}/r/b`);
    await fetch(`${second}/r/c`);
    const route = { method: 'GET', route: '/r/:token', status: '200' };
    expect(valueOf((await scrape(first)).samples, 'http_requests_total', route)).toBe(2);
    expect(valueOf((await scrape(second)).samples, 'http_requests_total', route)).toBe(1);
  });

  it('when a service brings its own registry, then its metrics are served beside the HTTP ones', async () => {
    const registry = new Registry();
    const pointsIssued = new Counter({
      name: 'loyalty_points_issued_total',
      help: 'p',
      registers: [registry],
    });
    pointsIssued.inc(120);
    const service = buildService(registry);
    expect(service.metrics).toBe(registry);
    const url = await start(service);
    await fetch(`${url}/healthz`);
    const { samples } = await scrape(url);
    expect(valueOf(samples, 'loyalty_points_issued_total')).toBe(120);
    expect(samples.some((s) => s.name === 'http_requests_total')).toBe(true);
  });

  it('when a scraper has no token, the wrong one or the service token, then it gets a 401, even from loopback', async () => {
    // A proxy on the same machine (the loyalty app) makes anyone's request come from loopback.
    const url = await start(buildService());
    const refused = async (headers: Record<string, string>) => {
      const res = await fetch(`${url}/metrics`, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('metrics.unauthenticated');
      expect(JSON.stringify(body)).not.toContain('http_requests_total');
    };
    await refused({});
    await refused({ 'x-forwarded-for': '127.0.0.1' });
    await refused({ authorization: `Bearer ${'x'.repeat(32)}` });
    await refused({ authorization: `Bearer ${metricsToken.slice(1)}` });
    await refused({ authorization: `Bearer ${metricsToken}x` });
    await refused({ authorization: `Basic ${metricsToken}` });
    await refused({ authorization: `Bearer ${serviceToken}` });

    const scraped = await fetch(`${url}/metrics`, { headers: scraper });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_requests_total');
  });

  it('when the service has no METRICS_TOKEN, then every scrape is refused, saying metrics are off', async () => {
    const url = await start(buildService(undefined, {}));
    for (const headers of [{}, scraper, { authorization: `Bearer ${serviceToken}` }]) {
      const res = await fetch(`${url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/METRICS_TOKEN/);
    }
  });
});
