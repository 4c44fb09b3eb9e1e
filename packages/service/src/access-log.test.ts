import { Writable } from 'node:stream';
import { publicProcedure, router } from '@scontrino/trpc';
import { z } from 'zod';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createServiceApp, redactSecretPaths } from './create-app.js';
import { listen } from './lifecycle.js';

describe('access log', () => {
  it('when a path carries a secret segment, then only its prefix is kept', () => {
    const patterns = [/^\/(r|c|u)\/[^/?]+/];
    expect(redactSecretPaths('/r/abc123.pdf?x=1', patterns)).toBe('/r/[redacted]?x=1');
    expect(redactSecretPaths('/c/code/qr.png', patterns)).toBe('/c/[redacted]/qr.png');
    expect(redactSecretPaths('/v1/transactions', patterns)).toBe('/v1/transactions');
  });

  it('when a tRPC query carries its input in the URL, then the input (an e-mail, a card) never reaches the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const service = createServiceApp({
      logger,
      serviceToken: 'x'.repeat(32),
      router: router({
        resolve: publicProcedure.input(z.object({ value: z.string() })).query(() => ({ profileId: 'prf_1' })),
      }),
      readiness: [],
    });
    const running = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
    const input = encodeURIComponent(JSON.stringify({ value: 'lucia.bianchi@example.com' }));
    try {
      expect((await fetch(`${running.url}/trpc/resolve?input=${input}`)).status).toBe(200);
      expect((await fetch(`${running.url}/trpc/resolve?batch=1&input=${input}`)).status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await running.shutdown('test over');
    }
    const access = lines.filter((line) => line.includes('"req"'));
    expect(access).toHaveLength(2);
    expect(access[0]).toContain('/trpc/resolve?input=[redacted]');
    expect(access[1]).toContain('/trpc/resolve?batch=1&input=[redacted]');
    expect(lines.join('\n')).not.toMatch(/lucia|example\.com|lucia%2Ebianchi|%40example/i);
  });

  it('when a receipt page is requested, then its token never reaches the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const service = createServiceApp({
      logger,
      serviceToken: 'x'.repeat(32),
      router: router({}),
      readiness: [],
      secretPaths: [/^\/r\/[^/?]+/],
      routes: (app) => app.get('/r/:token', (_req, res) => res.send('receipt')),
    });
    const running = await listen({ service, logger, port: 0, host: '127.0.0.1', steps: [] });
    try {
      expect((await fetch(`${running.url}/r/SECRET-TOKEN-42`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await running.shutdown('test over');
    }
    const access = lines.find((line) => line.includes('"req"'));
    expect(access).toContain('/r/[redacted]');
    expect(lines.join('\n')).not.toContain('SECRET-TOKEN-42');
  });
});
