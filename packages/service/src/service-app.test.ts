import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { publicProcedure, router } from '@scontrino/trpc';
import { createServiceApp } from './create-app.js';
import { listen, type RunningService } from './lifecycle.js';
import { formBody, jsonBody } from './request-text.js';

const logger = pino({ level: 'silent' });
const appRouter = router({
  ping: publicProcedure.query(() => 'pong'),
  echo: publicProcedure.mutation(() => 'ok'),
});

function buildService(state: { databaseUp: boolean }) {
  return createServiceApp({
    logger,
    serviceToken: 'x'.repeat(32),
    router: appRouter,
    readiness: [
      { name: 'database', isReady: () => Promise.resolve(state.databaseUp) },
      { name: 'redis', isReady: () => Promise.resolve(true) },
    ],
    allowedOrigins: ['https://app.moda-rossi.example'],
    routes: (app) => {
      app.post('/v1/echo', jsonBody({ limit: '1kb' }), (req, res) => {
        res.status(201).json(req.body);
      });
      app.post('/v1/form', formBody({ extended: false, limit: '1kb' }), (req, res) => {
        res.status(201).json(req.body);
      });
      app.get('/v1/items/:id', (req, res) => {
        res.json({ id: req.params.id, query: req.query });
      });
      app.get('/slow', (_req, res) => {
        setTimeout(() => res.json({ finished: true }), 300);
      });
      app.get('/boom', () => {
        throw new Error('kaboom');
      });
    },
  });
}

let running: RunningService | undefined;
afterEach(async () => {
  await running?.shutdown('test over');
  running = undefined;
});

async function start(state = { databaseUp: true }, steps: { name: string; run(): Promise<void> }[] = []) {
  running = await listen({ service: buildService(state), logger, port: 0, host: '127.0.0.1', steps });
  return running;
}

describe('service app', () => {
  it('answers liveness, tRPC and a request id that follows the caller', async () => {
    const { url } = await start();
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'alive' });
    const res = await fetch(`${url}/trpc/ping`, { headers: { 'x-request-id': 'till-42.req-7' } });
    expect(res.headers.get('x-request-id')).toBe('till-42.req-7');
    expect(await res.json()).toEqual({ result: { data: 'pong' } });
    const generated = (await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } }))
      .headers;
    expect(generated.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a tRPC body is larger than 1 MiB, then it is refused with 413 before any procedure runs', async () => {
    const { url } = await start();
    const post = (bytes: number) =>
      fetch(`${url}/trpc/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(bytes) }),
      });
    expect((await post(1000)).status).toBe(200);
    expect((await post(2 * 1024 * 1024)).status).toBe(413);
  });

  it('when a page of a configured origin calls, then the browser may read the answer; any other origin gets no CORS grant', async () => {
    const { url } = await start();
    const allowed = await fetch(`${url}/trpc/ping`, {
      headers: { origin: 'https://app.moda-rossi.example' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.moda-rossi.example');
    const preflight = await fetch(`${url}/trpc/ping`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.moda-rossi.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    for (const origin of ['https://evil.example', 'https://app.moda-rossi.example.evil.example', 'null']) {
      const refused = await fetch(`${url}/trpc/ping`, { headers: { origin } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    const sameSite = await fetch(`${url}/trpc/ping`);
    expect(sameSite.status).toBe(200);
    expect(sameSite.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when a dependency is down, then /readyz is 503 naming it, and 200 once it is back', async () => {
    const state = { databaseUp: false };
    const { url } = await start(state);
    const down = await fetch(`${url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', checks: { database: 'down', redis: 'up' } });
    state.databaseUp = true;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('answers broken requests with JSON errors, never an HTML page or a leaked message', async () => {
    const { url } = await start();
    const post = (body: string) =>
      fetch(`${url}/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"lines": [');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'request.malformed_json',
    );
    expect((await post(JSON.stringify({ note: 'x'.repeat(2000) }))).status).toBe(413);
    const corruptGzip = await fetch(`${url}/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{}',
    });
    expect(corruptGzip.status).toBe(400);
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
    const boom = await fetch(`${url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain('kaboom');
  });

  it('when a body, path or query string holds NUL, another control character or a lone surrogate, then 422 names where, before the route runs', async () => {
    const { url } = await start();
    const refusal = async (res: Response) => {
      const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
      return [res.status, body.error.code, body.error.issues.map((issue) => issue.path)];
    };
    const json = (body: unknown) =>
      fetch(`${url}/v1/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(await refusal(await json({ lines: [{ name: 'a\u0000' }], 'k\u0007': 1, s: '\udc00' }))).toEqual([
      422,
      'request.invalid_text',
      ['lines[0].name', '["k\\u0007"]', 's'],
    ]);
    const form = await fetch(`${url}/v1/form`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'a\u0000@b.it' }),
    });
    expect(await refusal(form)).toEqual([422, 'request.invalid_text', ['email']]);
    expect(await refusal(await fetch(`${url}/v1/items/a%00b`))).toEqual([
      422,
      'request.invalid_text',
      ['path'],
    ]);
    expect(await refusal(await fetch(`${url}/v1/items/1?tenantId=%1B`))).toEqual([
      422,
      'request.invalid_text',
      ['query.tenantId'],
    ]);
    const kept = { name: '\uffff\ufeff\u202eabc\t\n' };
    expect(await (await json(kept)).json()).toEqual(kept);
    expect(await (await fetch(`${url}/v1/items/%EF%BB%BF?q=%E2%80%AE`)).json()).toEqual({
      id: '\ufeff',
      query: { q: '\u202e' },
    });
  });

  it('on shutdown, then in-flight requests finish, new ones are refused, and steps run in order', async () => {
    const closed: string[] = [];
    const service = await start({ databaseUp: true }, [
      { name: 'queues', run: () => Promise.resolve(void closed.push('queues')) },
      { name: 'database', run: () => Promise.resolve(void closed.push('database')) },
    ]);
    const inFlight = fetch(`${service.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = service.shutdown('SIGTERM');
    const late = await fetch(`${service.url}/healthz`).then(
      () => 'served',
      () => 'refused',
    );
    expect(late).toBe('refused');
    const res = await inFlight;
    expect(await res.json()).toEqual({ finished: true });
    await stopped;
    expect(closed).toEqual(['queues', 'database']);
  });
});
