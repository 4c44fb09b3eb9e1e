import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { testDatabaseUri, testStack } from '@scontrino/testing';
import getPort from 'get-port';
import { describe, expect, it } from 'vitest';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `start.ts` as a deployment would: its own process, configured only by the environment. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
    cwd: serviceDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, output: () => output };
}

describe('starting the service process', () => {
  it('when the configuration is invalid, then it exits 1 naming each variable, without a stack trace', async () => {
    const run = startProcess({ NODE_ENV: 'production', PORT: '99999', MONGODB_URI: 'mongodb://db/receipts' });
    expect(await run.exited).toBe(1);
    const output = run.output();
    expect(output).toContain('receipt-service: invalid configuration');
    expect(output).toContain('- PORT: must be between 1 and 65535');
    for (const variable of [
      'CRYPTO_KEYS',
      'LOOKUP_HASH_KEY',
      'SERVICE_TOKEN',
      'METRICS_TOKEN',
      'SMTP_URL',
      'REDIS_URL',
    ]) {
      expect(output).toContain(`- ${variable}: is required`);
    }
    expect(output).not.toContain('MONGODB_URI');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('when it gets SIGTERM, then it drains, closes its connections and exits 0', async () => {
    const port = await getPort();
    const run = startProcess({
      NODE_ENV: 'test',
      PORT: String(port),
      MONGODB_URI: testDatabaseUri('receipt_start'),
      REDIS_URL: testStack().redisUrl,
    });
    await expect
      .poll(
        () =>
          fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 30_000, interval: 200 },
      )
      .toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/"msg":"shutting down"[\s\S]*"msg":"stopped"/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
