import { once } from 'node:events';
import { request } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { publicProcedure, router } from '@scontrino/trpc';
import { createServiceApp } from './create-app.js';
import { listen, type RunningService } from './lifecycle.js';

/** A route whose answers wait until the test lets them go: requests held in flight. */
function heldRoute() {
  const waiting: (() => void)[] = [];
  return {
    waiting,
    releaseAll: () => waiting.splice(0).forEach((release) => release()),
    service: createServiceApp({
      logger: pino({ level: 'silent' }),
      serviceToken: 'x'.repeat(32),
      router: router({ ping: publicProcedure.query(() => 'pong') }),
      readiness: [{ name: 'database', isReady: () => Promise.resolve(true) }],
      maxInFlight: 2,
      routes: (app) => {
        app.get('/v1/held', (_req, res) => {
          waiting.push(() => res.json({ answered: true }));
        });
      },
    }),
  };
}

/** A GET whose socket the caller can drop before the answer, as a till that times out does. */
function openRequest(url: string) {
  const req = request(url);
  const answer = once(req, 'response').catch(() => null);
  req.on('error', () => undefined);
  req.end();
  return { abort: () => req.destroy(), answer };
}

let running: RunningService | undefined;
afterEach(async () => {
  await running?.shutdown('test over');
  running = undefined;
});

async function until(condition: () => boolean) {
  await expect.poll(condition, { timeout: 5_000 }).toBe(true);
}

describe('admission limit', () => {
  it('when the service works on its limit of requests, then one more is a 503 with Retry-After at once, probes still answer, and it takes requests again once they end', async () => {
    const held = heldRoute();
    running = await listen({
      service: held.service,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      steps: [],
    });
    const first = fetch(`${running.url}/v1/held`);
    const second = fetch(`${running.url}/v1/held`);
    await until(() => held.waiting.length === 2);

    const refused = await fetch(`${running.url}/v1/held`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'service.busy' } });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${running.url}/metrics`)).status).not.toBe(503);

    held.releaseAll();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const third = fetch(`${running.url}/v1/held`);
    await until(() => held.waiting.length === 1);
    held.releaseAll();
    expect((await third).status).toBe(200);
  });

  it('when callers give up while their work goes on, then their places stay taken until the work ends, so retries cannot pile work up', async () => {
    const held = heldRoute();
    running = await listen({
      service: held.service,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      steps: [],
    });
    const gaveUp = [openRequest(`${running.url}/v1/held`), openRequest(`${running.url}/v1/held`)];
    await until(() => held.waiting.length === 2);
    for (const caller of gaveUp) caller.abort();

    // The retry meets a full house: the abandoned requests' work has not ended.
    expect((await fetch(`${running.url}/v1/held`)).status).toBe(503);
    held.releaseAll();
    const retry = fetch(`${running.url}/v1/held`);
    await until(() => held.waiting.length === 1);
    held.releaseAll();
    expect((await retry).status).toBe(200);
  });
});
